// A stored entry is served only for the run its key names: one whose settings, dataset
// checksum or training code differ (copied under another key, or written by a faulty writer,
// so its own checksums hold) is refused, said once, and retrained.
import {createHash} from "node:crypto";
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, describe, expect, it, vi} from "vitest";
import {storedState} from "../data-loaders/run-entry.js";
import type {RunConfig} from "../data-loaders/run-key.js";
import {getRun} from "../data-loaders/run-training.js";
import {smallDataset, tempDir} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1, kernel: "wasm-f32"};

/** Changes fields of an entry's JSON and makes its own checksum agree, as a faulty writer or a copy would leave it. */
function rewrite(file: string, changes: Record<string, unknown>): void {
  const {sha256: _, ...old} = JSON.parse(readFileSync(file, "utf8"));
  const entry = {...old, ...changes};
  const sha256 = createHash("sha256").update(JSON.stringify(entry)).digest("hex");
  writeFileSync(file, JSON.stringify({...entry, sha256}, null, 1));
}

describe("a run entry is the run its key names", () => {
  const dataset = smallDataset(300, 200);
  const asked = {config, datasetChecksum: dataset.checksum};
  afterEach(() => void vi.restoreAllMocks());

  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "settings (lr)",
      {config: {...config, lr: 0.5}},
      /its settings are lr 0\.5, 20 hidden.*, not the lr 0\.3, 20 hidden.* asked for/
    ],
    [
      "dataset checksum",
      {datasetChecksum: "another dataset"},
      /trained on another dataset \(checksum another data, not small-300-2/
    ],
    ["training code", {engine: "0123456789abcdef"}, /written by other training code/]
  ];
  for (const [what, changes, reason] of cases) {
    it(`an entry with other ${what} is refused by the check and the read, and retrained`, async () => {
      const store = tempDir();
      const good = await getRun(dataset, {config, epochs: 1}, store);
      const file = join(store, good.key + ".json");
      rewrite(file, changes);
      const said = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      expect(storedState(store, good.key, asked)).toBeUndefined(); // the pool retrains it
      expect(storedState(store, good.key)).toBeUndefined(); // its key alone tells too
      expect(said).toHaveBeenCalledTimes(2);
      expect(String(said.mock.calls[0][0])).toMatch(reason);
      expect(String(said.mock.calls[0][0])).toContain(`entry ${good.key} in ${store} is corrupt`);
      said.mockClear();
      const read = await getRun(dataset, {config, epochs: 1}, store);
      expect(said).toHaveBeenCalledTimes(1); // refused when read, once
      expect(read.config).toEqual(config);
      expect(read.datasetChecksum).toBe(dataset.checksum);
      expect(read.epochs[0].testScore).toBe(good.epochs[0].testScore);
      // retrained and stored again: now accepted without a word
      said.mockClear();
      expect(storedState(store, good.key, asked)).toEqual({epochs: 1, snapshots: []});
      expect(JSON.parse(readFileSync(file, "utf8")).config).toEqual(config);
      expect(said).not.toHaveBeenCalled();
    });
  }
});
