import {readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {getRun, runKey, type RunConfig} from "../data-loaders/run-store.js";
import {smallDataset, tempDir} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1};
const bytes = (a: Float64Array) => new Uint8Array(a.buffer.slice(0));

describe("run store", () => {
  const dataset = smallDataset(300, 200);

  it("stores a run and reads it back without training", () => {
    const store = tempDir();
    const first = getRun(dataset, config, 1, store);
    const stamp = statSync(join(store, first.key + ".json")).mtimeMs;
    const second = getRun(dataset, config, 1, store);
    expect(statSync(join(store, first.key + ".json")).mtimeMs).toBe(stamp);
    expect(bytes(second.net.wih)).toEqual(bytes(first.net.wih));
    expect(bytes(second.net.who)).toEqual(bytes(first.net.who));
    expect(second.epochs).toEqual(first.epochs);
    expect(second.testPredictions).toEqual(first.testPredictions);
  });

  it("resuming a stored run equals training it from scratch, byte for byte", () => {
    const resumedStore = tempDir();
    getRun(dataset, config, 1, resumedStore);
    const resumed = getRun(dataset, config, 3, resumedStore);
    const scratch = getRun(dataset, config, 3, tempDir());
    expect(bytes(resumed.net.wih)).toEqual(bytes(scratch.net.wih));
    expect(bytes(resumed.net.who)).toEqual(bytes(scratch.net.who));
    expect(resumed.epochs.map((e) => e.testScore)).toEqual(scratch.epochs.map((e) => e.testScore));
    expect(resumed.testPredictions).toEqual(scratch.testPredictions);
  });

  it("a corrupt entry is reported and retrained", () => {
    const store = tempDir();
    const good = getRun(dataset, config, 1, store);
    const bin = join(store, good.key + ".bin");
    const damaged = readFileSync(bin);
    damaged[100] ^= 0xff;
    writeFileSync(bin, damaged);
    const retrained = getRun(dataset, config, 1, store);
    expect(bytes(retrained.net.wih)).toEqual(bytes(good.net.wih));
    writeFileSync(join(store, good.key + ".json"), "{\"format\": 1, \"key\""); // truncated
    expect(getRun(dataset, config, 1, store).epochs[0].testScore).toBe(good.epochs[0].testScore);
  });

  it("every parameter and the dataset are part of the key", () => {
    const key = runKey(config, "data");
    const changed: RunConfig[] = [
      {...config, hidden: 21}, {...config, init: "Rand"}, {...config, lr: 0.31}, {...config, seed: 2}, {...config, trainLimit: 100}
    ];
    for (const other of changed) expect(runKey(other, "data")).not.toBe(key);
    expect(runKey(config, "other data")).not.toBe(key);
    expect(runKey({...config}, "data")).toBe(key);
  });
});
