// Trains the runs missing from the store on a pool of worker threads (WORKERS, default one
// per core), with one progress line for the whole build on stderr.
import {Worker} from "node:worker_threads";
import type {Dataset} from "./dataset.js";
import {BuildError, describeError, SettingsError} from "./errors.js";
import type {TrainingProgress} from "./run-training.js";
import {coverage, saveVerified, storedState, storeDir} from "./run-entry.js";
import {poolProgress} from "./pool-progress.js";
import {describeRun, runKey, samplesPerImage, type RunRequest} from "./run-key.js";
import type {RunJob} from "./run-worker.js";
import {removeAbandonedTemporaries} from "./temporaries.js";

export type {RunRequest};

export interface PoolReport {
  /** Distinct runs asked for (runs shared by experiments count once). */
  distinct: number;
  /** Runs trained or extended now. */
  trained: number;
  /** Epochs trained now. */
  epochs: number;
  seconds: number;
}

/** One request per run, each asking for the most epochs and every snapshot any experiment wants. */
export function distinctRuns(requests: RunRequest[], datasetChecksum: string): RunRequest[] {
  const byKey = new Map<string, RunRequest>();
  for (const request of requests) {
    const key = runKey(request.config, datasetChecksum);
    const known = byKey.get(key);
    const snapshots = [...new Set([...(known?.snapshots ?? []), ...(request.snapshots ?? [])])].sort((a, b) => a - b);
    byKey.set(key, {
      config: request.config,
      epochs: Math.max(known?.epochs ?? 0, request.epochs),
      ...(snapshots.length ? {snapshots} : {})
    });
  }
  return [...byKey.values()];
}

export interface PoolOptions {
  store?: string;
  log?: (line: string) => void;
  /** Train even when it costs more than TRAINING_LIMIT (npm run build -- --yes). */
  confirmed?: boolean;
}

/** Above this much training, ask first: SEEDS=1000 would otherwise start 21,000 runs without a word. */
export const TRAINING_LIMIT = {epochs: 5000, bytes: 4e9};

/** What training `jobs` costs: epochs (hundred-node epochs of one image each) and bytes of store. */
export function trainingCost(
  jobs: {config: RunRequest["config"]; epochs: number; have: number; snapshots?: number[]}[],
  dataset: Dataset
) {
  let epochs = 0;
  let bytes = 0;
  for (const job of jobs) {
    const {hidden} = job.config;
    const weights = 8 * hidden * (dataset.train.size + 10);
    epochs += ((job.epochs - job.have) * hidden * samplesPerImage(job.config)) / 100;
    bytes +=
      weights * (1 + (job.snapshots?.length ?? 0)) + job.epochs * (dataset.test.count + 4 * 10 * dataset.train.size);
  }
  return {epochs: Math.round(epochs), bytes};
}

export async function ensureRuns(
  dataset: Dataset,
  requests: RunRequest[],
  workers: number,
  options: PoolOptions = {}
): Promise<PoolReport> {
  const {
    store = storeDir(),
    log = (line: string) => void process.stderr.write(line + "\n"),
    confirmed = false
  } = options;
  const start = performance.now();
  const abandoned = removeAbandonedTemporaries(store);
  if (abandoned) log(`runs: removed ${abandoned} temporary files of an interrupted build from ${store}`);
  const runs = distinctRuns(requests, dataset.checksum);
  // An epoch's cost: samples (an image and its rotated copies) times hidden nodes.
  const weight = (job: RunRequest) => job.config.hidden * samplesPerImage(job.config);
  const jobs = runs
    .map((run) => {
      // The whole entry is checked here (.json and .bin): a damaged one is retrained now, by the pool.
      const stored = storedState(store, runKey(run.config, dataset.checksum), {
        config: run.config,
        datasetChecksum: dataset.checksum
      });
      const state = coverage(stored, run);
      return {...run, have: state === "retrain" ? 0 : state === "covers" ? run.epochs : stored!.epochs};
    })
    .filter((run) => run.have < run.epochs)
    .sort((a, b) => (b.epochs - b.have) * weight(b) - (a.epochs - a.have) * weight(a)); // costliest first: workers finish together
  const images = Math.min(dataset.train.count, requests[0]?.config.trainLimit ?? Infinity);
  const progress = poolProgress({jobs, weight, samples: (job) => images * samplesPerImage(job.config)});
  const {totalEpochs} = progress;
  saveVerified();
  const report = {distinct: runs.length, trained: jobs.length, epochs: totalEpochs, seconds: 0};
  if (jobs.length === 0) return report;
  const cost = trainingCost(jobs, dataset);
  if (!confirmed && (cost.epochs > TRAINING_LIMIT.epochs || cost.bytes > TRAINING_LIMIT.bytes)) {
    throw new SettingsError(
      `these settings need ${jobs.length.toLocaleString("en")} runs trained (${cost.epochs.toLocaleString("en")} epochs of a 100-node network, ` +
        `about ${(cost.bytes / 1e9).toFixed(1)} GB more in ${store}); to go ahead, run again with --yes (npm run build -- --yes)`
    );
  }

  const size = Math.min(workers, jobs.length);
  log(
    `runs: ${runs.length} distinct, ${runs.length - jobs.length} in the store, training ${jobs.length} (${totalEpochs} epochs) on ${size} workers`
  );
  const queue = [...jobs];
  let lastLog = 0;
  const show = () => {
    if (performance.now() - lastLog < 3000) return;
    lastLog = performance.now();
    log(progress.line());
  };

  // The first failure stops the pool: no worker takes another run, and every worker (the
  // running ones too) is ended, so a failed build stops in one run's time and says why once.
  const workerPool: Worker[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    for (const worker of workerPool) void worker.terminate();
  };
  await Promise.all(
    Array.from({length: size}, async (_, w) => {
      const worker = new Worker(new URL("./ts-worker.mjs", import.meta.url), {
        workerData: {entry: new URL("./run-worker.ts", import.meta.url).href}
      });
      workerPool.push(worker);
      try {
        for (let job = queue.shift(); job && !failure; job = queue.shift()) {
          progress.started(w, job);
          const message: RunJob = {request: {config: job.config, epochs: job.epochs, snapshots: job.snapshots}, store};
          worker.postMessage(message);
          const failed = (cause: string) => new BuildError(`training ${describeRun(job!.config)} failed: ${cause}`);
          await new Promise<void>((resolve, reject) => {
            const settle = (error?: Error) => {
              worker.off("message", onMessage);
              worker.off("error", onError);
              worker.off("exit", onExit);
              if (error) reject(error);
              else resolve();
            };
            const onMessage = (m: {type: string; progress?: TrainingProgress; message?: string}) => {
              if (m.type === "progress") {
                if (failure) return;
                progress.progress(w, m.progress!);
                return show();
              }
              settle(m.type === "done" ? undefined : failed(m.message ?? "no reason given"));
            };
            const onError = (error: Error) => settle(failed(describeError(error)));
            // Ended by another worker's failure (or died): this run is not done.
            const onExit = () => settle(failure ?? failed("its worker thread exited"));
            worker.on("message", onMessage);
            worker.on("error", onError);
            worker.on("exit", onExit);
          });
          progress.finished(w);
          show();
        }
      } catch (error) {
        fail(error as Error);
      } finally {
        await worker.terminate();
      }
    })
  );
  if (failure) throw failure;
  report.seconds = (performance.now() - start) / 1000;
  log(`runs: trained ${jobs.length} runs (${totalEpochs} epochs) in ${report.seconds.toFixed(1)} s`);
  return report;
}
