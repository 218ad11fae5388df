// What the verify page retrains: every distinct run the report shows (report-runs.ts), with the
// numbers the build stored for it (each epoch's test score and training accuracy) and a SHA-256
// of its final weights, so the reader's browser can say "identical" or "different" for each.
import {WEIGHTS_HASH_FORMAT, weightsHash} from "../lib/weights-hash.js";
import {readBuildState, recordOf, writeBuildState} from "./build-state.js";
import {loadDataset} from "./dataset.js";
import {experimentFiles, experiments} from "./experiments/index.js";
import {defineLoader, type Loader} from "./loader.js";
import {reportRuns, runCost} from "./report-runs.js";
import {readEntry, type Run, storeDir} from "./run-entry.js";
import {describeRun, type RunConfig} from "./run-key.js";
import {ensureRuns} from "./run-pool.js";
import {TRAIN_SUBSET, weightsAt} from "./run-training.js";
import {readSettings} from "./settings.js";
import {storedRun} from "./stored-runs.js";

/** One run to retrain: its settings, its cost, and what the build stored after each of its `epochs`. */
export interface VerifyRun {
  key: string;
  /** Ids of the experiments that read it, report order. */
  experiments: string[];
  /** Its settings in words (describeRun): "lr 0.1, 100 hidden, Normal, seed 1 (wasm-f32)". */
  description: string;
  config: Required<Pick<RunConfig, "hidden" | "init" | "lr" | "seed" | "kernel" | "rotations">> & {
    trainLimit: number | null;
  };
  epochs: number;
  /** Training images an epoch goes through (before rotated copies). */
  trainSamples: number;
  /** Training accuracy is scored on this many images from the start of the training set. */
  trainAccuracySamples: number;
  /** Samples x hidden nodes (report-runs.ts runCost): the page trains the costliest first and estimates time left by it. */
  cost: number;
  /** After each epoch 1..epochs: fraction of the test set right, and of the first trainAccuracySamples training images. */
  scores: {testScore: number; trainAccuracy: number}[];
  /** SHA-256 of the weights after the last epoch (lib/weights-hash.ts). */
  weights: string;
}

export interface VerifyList {
  experiments: {id: string; title: string; page: string}[];
  runs: VerifyRun[];
  trainImages: number;
  testImages: number;
}

/**
 * Weights hashes already computed, by run key, the entry's .bin checksum and the epoch: a run's
 * weights are its .bin's, so while that is unchanged so is the hash. Saves reading every run's
 * weights (about 1 GB for the report) whenever an experiment's definition changes.
 */
const HASHES = "verify-weights.json";

/**
 * SHA-256 of `run`'s weights after `epochs` (lib/weights-hash.ts), from `known` when its .bin
 * is the one hashed before; recorded in `used`, the record the next build reads.
 */
function runWeightsHash(run: Run, epochs: number, known: Record<string, string>, used: Record<string, string>): string {
  const found = readEntry(storeDir(), run.key, true);
  const id =
    found && !(found instanceof Error)
      ? `${run.key} ${found.entry.bin.sha256} ${epochs} ${WEIGHTS_HASH_FORMAT}`
      : undefined;
  const hash = (id && known[id]) || weightsHash(weightsAt(run, epochs));
  if (id) used[id] = hash;
  return hash;
}

/** The verify page's list, trained first if the store lacks any of the report's runs. */
export async function verifyList(): Promise<VerifyList> {
  const dataset = loadDataset();
  const settings = readSettings();
  const runs = reportRuns(settings, dataset.checksum);
  await ensureRuns(
    dataset,
    runs.map((run) => run.request),
    settings.workers
  );
  const known = readBuildState(
    HASHES,
    recordOf<string>("an object of weights hashes", (h) => typeof h === "string")
  );
  const used: Record<string, string> = {};
  const list: VerifyList = {
    experiments: Object.values(experiments).map(({id, title, page}) => ({id, title, page})),
    runs: runs.map(({key, request, experiments}) => {
      const run = storedRun(dataset, request);
      const {hidden, init, lr, seed, kernel, trainLimit, rotations = []} = request.config;
      // The weights after the epochs the report reads; if the store trained further (an
      // experiment asked for more before) and kept none there, the whole stored run.
      const epochs =
        request.epochs === run.epochs.length || run.snapshots.has(request.epochs) ? request.epochs : run.epochs.length;
      return {
        key,
        experiments,
        description: describeRun(request.config),
        config: {hidden, init, lr, seed, kernel, rotations, trainLimit: trainLimit ?? null},
        epochs,
        trainSamples: run.trainSamples,
        trainAccuracySamples: Math.min(TRAIN_SUBSET, dataset.train.count),
        cost: runCost({...request, epochs}, dataset),
        scores: run.epochs.slice(0, epochs).map(({testScore, trainAccuracy}) => ({testScore, trainAccuracy})),
        weights: runWeightsHash(run, epochs, known, used)
      };
    }),
    trainImages: dataset.train.count,
    testImages: dataset.test.count
  };
  writeBuildState(HASHES, used, true);
  return list;
}

/** The loader src/data/verify.json.ts exports: its output depends on every experiment's definition. */
export function verifyListLoader(moduleUrl: string): Loader {
  return defineLoader(
    moduleUrl,
    async () => new TextEncoder().encode(`${JSON.stringify(await verifyList())}\n`),
    () => Object.values(experimentFiles)
  );
}
