// The training workload of the whole report (DESIGN.md, "Runs overlap: train each once"):
// per seed, Experiment 4's 8 learning rates for 15 epochs (lr 0.1 extended to 20 for
// Experiment 3) and Experiment 2's other 7 rates for one epoch: 132 epochs. Each epoch is
// scored on the test set and on 10,000 training images. Used to time a cold full build.
import {Worker} from "node:worker_threads";
import type {KernelName} from "../lib/kernels.js";

export interface SuiteRun {
  lr: number;
  epochs: number;
  seed: number;
  kernel: KernelName;
}

const GRID = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
const EXPERIMENT_2 = [0.01, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.3, 0.5, 0.7, 1];

export function suiteRuns(seeds: number, kernel: KernelName): SuiteRun[] {
  const runs: SuiteRun[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    for (const lr of GRID) runs.push({lr, epochs: lr === 0.1 ? 20 : 15, seed, kernel});
    for (const lr of EXPERIMENT_2.filter((lr) => !GRID.includes(lr))) runs.push({lr, epochs: 1, seed, kernel});
  }
  // Longest first, so the workers finish together.
  return runs.sort((a, b) => b.epochs - a.epochs);
}

/** Trains every run on `workers` threads; resolves with the wall time in seconds. */
export async function timeSuite(runs: SuiteRun[], workers: number, log: (line: string) => void): Promise<number> {
  const start = performance.now();
  const queue = [...runs];
  const total = runs.reduce((sum, run) => sum + run.epochs, 0);
  let done = 0;
  await Promise.all(
    Array.from({length: workers}, async (_, w) => {
      const worker = new Worker(new URL("./ts-worker.mjs", import.meta.url), {
        workerData: {entry: new URL("./suite-worker.ts", import.meta.url).href}
      });
      try {
        for (let run = queue.shift(); run; run = queue.shift()) {
          worker.postMessage(run);
          const result = await new Promise<{seconds: number}>((resolve, reject) => {
            worker.once("message", resolve);
            worker.once("error", reject);
          });
          done += run.epochs;
          const elapsed = (performance.now() - start) / 1000;
          log(`suite: worker ${w + 1}: lr ${run.lr} seed ${run.seed}, ${run.epochs} epochs in ${result.seconds.toFixed(1)} s; ` +
            `${done}/${total} epochs, ${elapsed.toFixed(0)} s elapsed, ~${((elapsed / done) * (total - done)).toFixed(0)} s left`);
        }
      } finally {
        await worker.terminate();
      }
    })
  );
  return (performance.now() - start) / 1000;
}
