import {rmSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {decodeBin, encodeBin} from "../data-loaders/run-bin.js";
import {TIMING_FIELDS, runDifference, type SoundEntry} from "../data-loaders/run-comparison.js";
import {readEntry, type Run} from "../data-loaders/run-entry.js";
import type {RunConfig, RunRequest} from "../data-loaders/run-key.js";
import {freshRun, getRun} from "../data-loaders/run-training.js";
import {smallDataset, tempDir} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1, kernel: "wasm-f32"};
const request: RunRequest = {config, epochs: 3, snapshots: [1]};
const dataset = smallDataset(300, 200);

let key: string;
let stored: SoundEntry;
let retrained: SoundEntry;
let stores: string[] = [];
const empty = (c: RunConfig) => freshRun(key, c, dataset, false);
const decoded = (found: SoundEntry) => decodeBin(found.bin!, empty(found.entry.config), found.entry);

/** The run trained again, changed by `edit` (on its decoded run, so the .bin is laid out by encodeBin). */
function edited(edit: (run: Run) => void): SoundEntry {
  const run = decoded(retrained);
  edit(run);
  return {entry: retrained.entry, bin: encodeBin(run, retrained.entry.testSamples).bin};
}

beforeAll(async () => {
  // The same run trained twice from scratch, in two stores: what verify compares.
  stores = [tempDir(), tempDir()];
  const [first, second] = stores;
  key = (await getRun(dataset, request, first)).key;
  await getRun(dataset, request, second);
  const read = (store: string) => {
    const found = readEntry(store, key);
    if (!found || found instanceof Error) throw new Error(`no sound entry ${key} in ${store}`);
    return found;
  };
  [stored, retrained] = [read(first), read(second)];
});

afterAll(() => {
  for (const store of stores) rmSync(store, {recursive: true, force: true});
});

describe("comparing a stored run with the same run trained again", () => {
  it("finds none when only the timings differ (they time the machine)", () => {
    const epochs = retrained.entry.epochs.map((e) => ({...e, seconds: e.seconds + 1, samplesPerSecond: 1}));
    expect(TIMING_FIELDS).toEqual(["seconds", "samplesPerSecond"]);
    expect(runDifference(stored, retrained, empty)).toBeUndefined();
    expect(runDifference(stored, {...retrained, entry: {...retrained.entry, epochs}}, empty)).toBeUndefined();
  });

  it("names an epoch's metric with both values", () => {
    const epochs = retrained.entry.epochs.map((e) => (e.epoch === 2 ? {...e, testScore: e.testScore + 0.01} : e));
    expect(runDifference(stored, {...retrained, entry: {...retrained.entry, epochs}}, empty)).toBe(
      `epoch 2 testScore: stored ${stored.entry.epochs[1].testScore}, retrained ${epochs[1].testScore}`
    );
  });

  it("names the last epoch's weights by matrix and index", () => {
    const run = decoded(stored);
    const changed = edited((r) => {
      r.net.who[17] += 1e-12;
    });
    expect(runDifference(stored, changed, empty)).toBe(
      `weights after epoch 3, who[17]: stored ${run.net.who[17]}, retrained ${run.net.who[17] + 1e-12}`
    );
  });

  it("names a snapshot's weights by its epoch", () => {
    const before = decoded(stored).snapshots.get(1)!.wih[1234];
    const changed = edited((r) => {
      r.snapshots.get(1)!.wih[1234] = -before;
    });
    expect(runDifference(stored, changed, empty)).toBe(
      `weights after epoch 1, wih[1234]: stored ${before}, retrained ${-before}`
    );
  });

  it("names a test answer by epoch and image, and a back query by epoch, label and pixel", () => {
    const run = decoded(stored);
    const answer = run.testPredictions[1][42];
    const answers = edited((r) => {
      r.testPredictions[1][42] = (answer + 1) % 10;
    });
    expect(runDifference(stored, answers, empty)).toBe(
      `test answers after epoch 2, image 42: stored ${answer}, retrained ${(answer + 1) % 10}`
    );
    const pixel = 3 * run.net.inputs + 400; // label 3, pixel 400
    const queries = edited((r) => {
      r.backQueries[2][pixel] = 0.5;
    });
    expect(runDifference(stored, queries, empty)).toBe(
      `back query after epoch 3, label 3 pixel 400: stored ${run.backQueries[2][pixel]}, retrained 0.5`
    );
  });

  it("names the earliest difference in training: epoch 2's before the last epoch's", () => {
    const changed = edited((r) => {
      r.net.wih[0] += 1;
      r.testPredictions[1][0] = (r.testPredictions[1][0] + 1) % 10;
    });
    expect(runDifference(stored, changed, empty)).toMatch(/^test answers after epoch 2, image 0: /);
  });

  it("names settings, dataset and epoch count before any value", () => {
    const entry = {...retrained.entry, config: {...config, lr: 0.31}};
    expect(runDifference(stored, {...retrained, entry}, empty)).toBe(
      `config: stored ${JSON.stringify({hidden: 20, init: "Normal", kernel: "wasm-f32", lr: 0.3, seed: 1})}, retrained ${JSON.stringify({hidden: 20, init: "Normal", kernel: "wasm-f32", lr: 0.31, seed: 1})}`
    );
    const shorter = {...retrained.entry, epochs: retrained.entry.epochs.slice(0, 2)};
    expect(runDifference(stored, {...retrained, entry: shorter}, empty)).toBe("epochs: stored 3, retrained 2");
  });
});
