import {readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {getRun, runKey, type RunConfig} from "../data-loaders/run-store.js";
import {smallDataset, tempDir} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1, kernel: "wasm-f32"};
const bytes = (a: Float64Array) => new Uint8Array(a.buffer.slice(0));

describe("run store", () => {
  const dataset = smallDataset(300, 200);

  it("stores a run and reads it back without training", async () => {
    const store = tempDir();
    const first = await getRun(dataset, config, 1, store);
    const stamp = statSync(join(store, first.key + ".json")).mtimeMs;
    const second = await getRun(dataset, config, 1, store);
    expect(statSync(join(store, first.key + ".json")).mtimeMs).toBe(stamp);
    expect(bytes(second.net.wih)).toEqual(bytes(first.net.wih));
    expect(bytes(second.net.who)).toEqual(bytes(first.net.who));
    expect(second.epochs).toEqual(first.epochs);
    expect(second.testPredictions).toEqual(first.testPredictions);
  });

  for (const kernel of ["dense", "sparse", "wasm-f64", "wasm-f32"] as const) {
    it(`resuming a stored run equals training it from scratch, byte for byte (${kernel})`, async () => {
      const resumedStore = tempDir();
      const kernelConfig = {...config, kernel};
      await getRun(dataset, kernelConfig, 1, resumedStore);
      const resumed = await getRun(dataset, kernelConfig, 3, resumedStore);
      const scratch = await getRun(dataset, kernelConfig, 3, tempDir());
      expect(resumed.epochs).toHaveLength(3);
      expect(bytes(resumed.net.wih)).toEqual(bytes(scratch.net.wih));
      expect(bytes(resumed.net.who)).toEqual(bytes(scratch.net.who));
      expect(resumed.epochs.map((e) => e.testScore)).toEqual(scratch.epochs.map((e) => e.testScore));
      expect(resumed.testPredictions).toEqual(scratch.testPredictions);
    });
  }

  it("a corrupt entry is reported and retrained", async () => {
    const store = tempDir();
    const good = await getRun(dataset, config, 1, store);
    const bin = join(store, good.key + ".bin");
    const damaged = readFileSync(bin);
    damaged[100] ^= 0xff;
    writeFileSync(bin, damaged);
    const retrained = await getRun(dataset, config, 1, store);
    expect(bytes(retrained.net.wih)).toEqual(bytes(good.net.wih));
    writeFileSync(join(store, good.key + ".json"), "{\"format\": 1, \"key\""); // truncated
    expect((await getRun(dataset, config, 1, store)).epochs[0].testScore).toBe(good.epochs[0].testScore);
  });

  it("every parameter and the dataset are part of the key", () => {
    const key = runKey(config, "data");
    const changed: RunConfig[] = [
      {...config, hidden: 21}, {...config, init: "Rand"}, {...config, kernel: "dense"}, {...config, lr: 0.31}, {...config, seed: 2}, {...config, trainLimit: 100}
    ];
    for (const other of changed) expect(runKey(other, "data")).not.toBe(key);
    expect(runKey(config, "other data")).not.toBe(key);
    expect(runKey({...config}, "data")).toBe(key);
  });
});
