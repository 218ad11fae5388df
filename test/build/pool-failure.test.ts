// The run pool when a run fails: it stops at once, every worker with it, and says which run
// failed in one line, instead of training the rest of the queue after the error.
import {mkdirSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
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
    expect(error?.name).toBe("BuildError");
    const named = `training ${describeRun(requests[0].config)} failed: `;
    expect(error?.message.slice(0, named.length)).toBe(named);
    expect(error?.message).toContain(store);
    expect(error?.message.split("\n")).toHaveLength(1);
    // Long enough for a pool that kept going to store several more runs.
    await new Promise((resolve) => setTimeout(resolve, Math.max(3000, 2 * failedAfter)));
    expect(entries(store).length).toBeLessThanOrEqual(1); // at most the run the other worker was finishing
    expect(lines.filter((line) => line.startsWith("runs: trained"))).toEqual([]);
  }, 120_000);
});
