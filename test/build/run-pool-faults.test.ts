// The run pool's faults: a run that fails stops the pool at once, every worker with it, and
// says which run failed in one line, instead of training the rest of the queue after the
// error; an entry that is another run than its key names is retrained, said once.
import {createHash} from "node:crypto";
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it, vi} from "vitest";
import {ensureRuns, type RunRequest} from "../../data-loaders/run-pool.js";
import {describeRun, runKey, type RunConfig} from "../../data-loaders/run-key.js";
import {real, tempDir} from "../fixtures.js";

const config = (seed: number): RunConfig => ({
  hidden: 100,
  init: "Normal",
  lr: 0.1,
  seed,
  trainLimit: 500,
  kernel: "wasm-f32"
});
/** Whole entries in the store (a folder in an entry's place is not one). */
const entries = (store: string) =>
  readdirSync(store).filter((name) => name.endsWith(".json") && statSync(join(store, name)).isFile());

describe("run pool failures", () => {
  const dataset = real();

  it("the first failed run stops the pool: no worker trains or stores another run", async () => {
    const store = tempDir();
    // Eight runs of equal cost, queued in this order; the first cannot be stored (a folder
    // holds its entry's name), so it fails when its training ends.
    const requests: RunRequest[] = Array.from({length: 8}, (_, i) => ({config: config(i + 1), epochs: 1}));
    mkdirSync(join(store, runKey(requests[0].config, dataset.checksum) + ".json"));
    const lines: string[] = [];
    const start = performance.now();
    const error = await ensureRuns(dataset, requests, 2, {store, log: (line) => lines.push(line)}).then(
      () => undefined,
      (error: Error) => error
    );
    const failedAfter = performance.now() - start;
    const atFailure = entries(store); // every worker has ended by now
    expect(error?.name).toBe("BuildError");
    const named = `training ${describeRun(requests[0].config)} failed: `;
    expect(error?.message.slice(0, named.length)).toBe(named);
    expect(error?.message).toContain(store);
    expect(error?.message.split("\n")).toHaveLength(1);
    // Long enough for a pool that kept going to store several more runs.
    await new Promise((resolve) => setTimeout(resolve, Math.max(3000, 2 * failedAfter)));
    expect(entries(store)).toEqual(atFailure);
    // The other worker stopped with the failure: it did not go on through the queue (how far it
    // got before depends on how fast each worker started, so only the queue's end is checked).
    expect(atFailure.length).toBeLessThan(requests.length - 2);
    expect(lines.filter((line) => line.startsWith("runs: trained"))).toEqual([]);
  }, 120_000);
});

describe("run pool and entries of other runs", () => {
  const dataset = real();

  it("an entry whose settings were changed under its key (its checksum made to agree) is retrained, said once", async () => {
    const store = tempDir();
    const requests: RunRequest[] = [1, 2].map((seed) => ({config: config(seed), epochs: 1}));
    await ensureRuns(dataset, requests, 2, {store, log: () => {}});
    const file = join(store, runKey(requests[0].config, dataset.checksum) + ".json");
    const {sha256: _, ...entry} = JSON.parse(readFileSync(file, "utf8"));
    entry.config.lr = 0.3;
    const sha256 = createHash("sha256").update(JSON.stringify(entry)).digest("hex");
    writeFileSync(file, JSON.stringify({...entry, sha256}, null, 1));

    const said = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await ensureRuns(dataset, requests, 2, {store, log: () => {}})).toMatchObject({trained: 1, epochs: 1});
      await new Promise((resolve) => setTimeout(resolve, 200)); // anything a worker wrote has arrived
      const reports = said.mock.calls.map(([text]) => String(text)).filter((text) => text.includes("is corrupt"));
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain("its settings are lr 0.3");
    } finally {
      said.mockRestore();
    }
    expect(JSON.parse(readFileSync(file, "utf8")).config.lr).toBe(0.1);
    expect(await ensureRuns(dataset, requests, 2, {store, log: () => {}})).toMatchObject({trained: 0});
  }, 120_000);
});
