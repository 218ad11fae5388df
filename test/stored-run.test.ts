// storedRun: what the result tables read a stored run through once the runs are trained. A run
// is opened once per process; its .bin (weights, test answers, back queries) is read only when
// a table reads one of those, and then once.
import {readFileSync, utimesSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {storedState} from "../data-loaders/run-entry.js";
import type {RunConfig} from "../data-loaders/run-key.js";
import {getRun, weightsAt} from "../data-loaders/run-training.js";
import {storedRun} from "../data-loaders/stored-runs.js";
import {firstDifference, smallDataset, tempDir} from "./fixtures.js";

const config: RunConfig = {hidden: 20, init: "Normal", lr: 0.3, seed: 1, kernel: "wasm-f32"};

describe("storedRun", () => {
  const dataset = smallDataset(300, 200);

  it("gives the stored run's metrics without reading its .bin, and the run's data when a table reads it", async () => {
    const store = tempDir();
    const trained = await getRun(dataset, {config, epochs: 2, snapshots: [1]}, store);
    const bin = join(store, `${trained.key}.bin`);
    const good = readFileSync(bin);
    const time = 1_700_000_000; // whole seconds, which a file's time keeps exactly
    utimesSync(bin, time, time);
    expect(storedState(store, trained.key)?.epochs).toBe(2); // checks the .bin whole, as ensureRuns does first
    /** Writes `bytes` in place, keeping the .bin's size, time and inode: a check by stat sees no change. */
    const overwrite = (bytes: Uint8Array) => {
      writeFileSync(bin, bytes);
      utimesSync(bin, time, time);
    };
    const damaged = Uint8Array.from(good);
    damaged[100] ^= 0xff;
    overwrite(damaged); // only a read of the .bin finds this
    const run = storedRun(dataset, {config, epochs: 2}, store);
    expect(run.epochs).toEqual(trained.epochs);
    expect(run.config).toEqual(trained.config);
    expect(run.trainSamples).toBe(trained.trainSamples);
    expect(() => run.net).toThrow(new RegExp(`entry ${trained.key} in .* changed during the build`));
    overwrite(good);
    expect(firstDifference(run.net.wih, trained.net.wih)).toBe(-1);
    expect(run.testPredictions).toEqual(trained.testPredictions);
    expect(run.backQueries).toEqual(trained.backQueries);
    expect(firstDifference(weightsAt(run, 1).wih, weightsAt(trained, 1).wih)).toBe(-1);
    overwrite(damaged); // read once: not read again
    expect(firstDifference(run.net.who, trained.net.who)).toBe(-1);
  });

  it("opens a run once for every request it covers; one it does not cover is an error naming the run", async () => {
    const store = tempDir();
    const trained = await getRun(dataset, {config, epochs: 2}, store);
    const first = storedRun(dataset, {config, epochs: 1}, store);
    expect(storedRun(dataset, {config, epochs: 2}, store)).toBe(first);
    expect(() => storedRun(dataset, {config, epochs: 3}, store)).toThrow(
      new RegExp(`lacks run ${trained.key} \\(3 epochs\\)`)
    );
    expect(() => storedRun(dataset, {config: {...config, seed: 2}, epochs: 1}, store)).toThrow(/lacks run/);
  });

  it("a run trained further after it was opened is an error on reading its weights, not a mix of two versions", async () => {
    const store = tempDir();
    const first = await getRun(dataset, {config, epochs: 1}, store);
    expect(storedState(store, first.key)?.epochs).toBe(1); // checked, as ensureRuns does: opening reads no .bin
    const run = storedRun(dataset, {config, epochs: 1}, store);
    await getRun(dataset, {config, epochs: 2}, store); // the same key, rewritten with a second epoch
    expect(run.epochs).toHaveLength(1);
    expect(() => run.net).toThrow(/rewritten after it was opened/);
  });
});
