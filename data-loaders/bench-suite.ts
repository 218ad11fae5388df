// npm run bench -- --suite N: the training of the whole report for seeds 1..N, every run the
// experiments need, by the build's run pool into an empty store.
import {UsageError} from "./errors.js";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {isKernelName} from "../lib/kernels.js";
import type {} from "../lib/mnist.js";
import {type Dataset, loadDataset} from "./dataset.js";
import {experiments} from "./experiments/index.js";
import {ensureRuns, type PoolReport, type RunRequest} from "./run-pool.js";
import {readSettings} from "./settings.js";

export async function benchSuite(
  seedsText: string,
  workersText: string,
  kernel: string,
  json: boolean,
  withoutText: string
): Promise<void> {
  const seeds = Number(seedsText);
  const workers = Number(workersText);
  if (!Number.isInteger(seeds) || seeds < 1)
    throw new UsageError(`--suite ${seedsText}: must be a positive integer (seeds)`);
  if (!Number.isInteger(workers) || workers < 1)
    throw new UsageError(`--workers ${workersText}: must be a positive integer`);
  if (!isKernelName(kernel)) throw new UsageError(`--kernel: unknown kernel "${kernel}"`);
  // --without: what the report costs without some experiments (their runs shared with others still count).
  const without = withoutText ? withoutText.split(",") : [];
  for (const id of without)
    if (!experiments[id])
      throw new UsageError(
        `--without: unknown experiment "${id}"; experiments: ${Object.keys(experiments).join(", ")}`
      );
  const settings = {...readSettings(), seeds, workers, kernel};
  const requests = Object.values(experiments)
    .filter((e) => !without.includes(e.id))
    .flatMap((experiment) => experiment.runs(settings));
  const report = await coldTraining(loadDataset(), requests, workers);
  const result = {
    seeds,
    kernel,
    workers,
    without,
    runs: report.distinct,
    epochs: report.epochs,
    seconds: report.seconds
  };
  if (json) console.log(JSON.stringify(result, null, 2));
  else
    console.log(
      `Whole-report training${without.length ? ` without ${without.join(", ")}` : ""}, ${seeds} seeds: ${report.distinct} runs, ${report.epochs} epochs of ${settings.trainLimit ?? 60000} images (each scored on the test set and 10,000 training images), ${kernel}, ${workers} workers: ${report.seconds.toFixed(1)} s`
    );
}

/** Trains `requests` from nothing, by the build's run pool on `workers` threads, into an empty store removed after. */
export async function coldTraining(dataset: Dataset, requests: RunRequest[], workers: number): Promise<PoolReport> {
  const store = mkdtempSync(join(tmpdir(), "bench-suite-"));
  try {
    return await ensureRuns(dataset, requests, workers, {store, confirmed: true});
  } finally {
    rmSync(store, {recursive: true, force: true});
  }
}
