import {readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {storedState} from "../data-loaders/run-entry.js";
import {runKey, type RunConfig} from "../data-loaders/run-key.js";
import {backQueries, getRun, weightsAt} from "../data-loaders/run-training.js";
import {smallDataset, tempDir, firstDifference} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1, kernel: "wasm-f32"};

describe("run store", () => {
  const dataset = smallDataset(300, 200);

  it("stores a run and reads it back without training", async () => {
    const store = tempDir();
    const first = await getRun(dataset, {config, epochs: 1}, store);
    const stamp = statSync(join(store, first.key + ".json")).mtimeMs;
    const second = await getRun(dataset, {config, epochs: 1}, store);
    expect(statSync(join(store, first.key + ".json")).mtimeMs).toBe(stamp);
    expect(firstDifference(second.net.wih, first.net.wih)).toBe(-1);
    expect(firstDifference(second.net.who, first.net.who)).toBe(-1);
    expect(second.epochs).toEqual(first.epochs);
    expect(second.testPredictions).toEqual(first.testPredictions);
  });

  for (const kernel of ["dense", "sparse", "wasm-f64", "wasm-f32"] as const) {
    it(`resuming a stored run equals training it from scratch, byte for byte (${kernel})`, async () => {
      const resumedStore = tempDir();
      const kernelConfig = {...config, kernel};
      await getRun(dataset, {config: kernelConfig, epochs: 1}, resumedStore);
      const resumed = await getRun(dataset, {config: kernelConfig, epochs: 3}, resumedStore);
      const scratch = await getRun(dataset, {config: kernelConfig, epochs: 3}, tempDir());
      expect(resumed.epochs).toHaveLength(3);
      expect(firstDifference(resumed.net.wih, scratch.net.wih)).toBe(-1);
      expect(firstDifference(resumed.net.who, scratch.net.who)).toBe(-1);
      expect(resumed.epochs.map((e) => e.testScore)).toEqual(scratch.epochs.map((e) => e.testScore));
      expect(resumed.testPredictions).toEqual(scratch.testPredictions);
    });
  }

  it("a corrupt entry is reported and retrained", async () => {
    const store = tempDir();
    const good = await getRun(dataset, {config, epochs: 1}, store);
    const bin = join(store, good.key + ".bin");
    const damaged = readFileSync(bin);
    damaged[100] ^= 0xff;
    writeFileSync(bin, damaged);
    const retrained = await getRun(dataset, {config, epochs: 1}, store);
    expect(firstDifference(retrained.net.wih, good.net.wih)).toBe(-1);
    writeFileSync(join(store, good.key + ".json"), '{"format": 1, "key"'); // truncated
    expect((await getRun(dataset, {config, epochs: 1}, store)).epochs[0].testScore).toBe(good.epochs[0].testScore);
  });

  it("every parameter and the dataset are part of the key", () => {
    const key = runKey(config, "data");
    const changed: RunConfig[] = [
      {...config, hidden: 21},
      {...config, init: "Rand"},
      {...config, kernel: "dense"},
      {...config, lr: 0.31},
      {...config, seed: 2},
      {...config, trainLimit: 100}
    ];
    for (const other of changed) expect(runKey(other, "data")).not.toBe(key);
    expect(runKey(config, "other data")).not.toBe(key);
    expect(runKey({...config}, "data")).toBe(key);
  });

  it("keeps the back queries of every epoch, and they round-trip through the store", async () => {
    const store = tempDir();
    const run = await getRun(dataset, {config, epochs: 2}, store);
    expect(run.backQueries).toHaveLength(2);
    expect(Array.from(run.backQueries[1])).toEqual(Array.from(backQueries(run.net)));
    const shorter = await getRun(dataset, {config, epochs: 1}, tempDir());
    expect(Array.from(run.backQueries[0])).toEqual(Array.from(backQueries(shorter.net)));
    expect(run.backQueries[0]).not.toEqual(run.backQueries[1]);
    const read = await getRun(dataset, {config, epochs: 2}, store);
    expect(read.backQueries).toEqual(run.backQueries);
  });

  it("keeps the weights of snapshot epochs, equal to a run that stopped there", async () => {
    const stopped = await getRun(dataset, {config, epochs: 2}, tempDir());
    const store = tempDir();
    const run = await getRun(dataset, {config, epochs: 4, snapshots: [2]}, store);
    expect(firstDifference(weightsAt(run, 2).wih, stopped.net.wih)).toBe(-1);
    expect(firstDifference(weightsAt(run, 2).who, stopped.net.who)).toBe(-1);
    expect(weightsAt(run, 4)).toBe(run.net);
    expect(() => weightsAt(run, 3)).toThrow(/no weights after epoch 3/);
    const read = await getRun(dataset, {config, epochs: 4, snapshots: [2]}, store);
    expect(firstDifference(weightsAt(read, 2).wih, stopped.net.wih)).toBe(-1);
    // Asking a stored run for a snapshot it has passed trains it again from scratch, to the same numbers.
    const again = await getRun(dataset, {config, epochs: 4, snapshots: [3]}, store);
    expect(firstDifference(weightsAt(again, 3).who, stopped.net.who)).not.toBe(-1);
    expect(firstDifference(again.net.wih, run.net.wih)).toBe(-1);
    expect(again.epochs).toEqual(
      run.epochs.map((e) => ({...e, seconds: expect.any(Number), samplesPerSecond: expect.any(Number)}))
    );
    await expect(getRun(dataset, {config, epochs: 2, snapshots: [3]}, store)).rejects.toThrow(
      /snapshot epoch 3 is not one of epochs 1..2/
    );
  });

  it("stores a snapshot whatever the test set's size (its offset in the file need not be a multiple of 8)", async () => {
    const odd = smallDataset(300, 101); // 101 answers per epoch: the snapshot starts at an odd byte
    const store = tempDir();
    const run = await getRun(odd, {config, epochs: 3, snapshots: [1]}, store);
    const read = await getRun(odd, {config, epochs: 3, snapshots: [1]}, store);
    expect(read.epochs).toEqual(run.epochs); // read back, not retrained (seconds would differ)
    expect(firstDifference(weightsAt(read, 1).wih, weightsAt(run, 1).wih)).toBe(-1);
    expect(firstDifference(weightsAt(read, 1).who, weightsAt(run, 1).who)).toBe(-1);
  });

  it("an edited metric in an entry's JSON is found, reported and retrained, never served", async () => {
    const store = tempDir();
    const good = await getRun(dataset, {config, epochs: 1}, store);
    const file = join(store, good.key + ".json");
    const entry = JSON.parse(readFileSync(file, "utf8"));
    entry.epochs[0].testScore = 0.999; // a hand edit; the .bin is untouched
    writeFileSync(file, JSON.stringify(entry, null, 1));
    expect(storedState(store, good.key)).toBeUndefined(); // the pool retrains it
    const read = await getRun(dataset, {config, epochs: 1}, store);
    expect(read.epochs[0].testScore).toBe(good.epochs[0].testScore);
    expect(storedState(store, good.key)).toEqual({epochs: 1, snapshots: []});
  });

  it("a damaged .bin makes the pool's check fail too, not only the read", async () => {
    const store = tempDir();
    const good = await getRun(dataset, {config, epochs: 1}, store);
    expect(storedState(store, good.key)).toEqual({epochs: 1, snapshots: []});
    const bin = join(store, good.key + ".bin");
    const damaged = readFileSync(bin);
    damaged[damaged.length - 1] ^= 1;
    writeFileSync(bin, damaged);
    expect(storedState(store, good.key)).toBeUndefined();
  });
});
