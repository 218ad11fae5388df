// A content-addressed store of training runs, outside Framework's cache (which reuses stale
// loader output). A run is (dataset, hidden nodes, init, lr, seed, training limit) trained for
// some epochs; its key hashes those and the engine's source, so changing either retrains and
// nothing else does. An entry is <key>.bin (weights at the last epoch, then the test-set
// predictions after each epoch) and <key>.json (metrics and the .bin's SHA-256), both written
// to temporary names and renamed, the .json last: a killed build leaves no entry half-made.
import {createHash} from "node:crypto";
import {mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {firstSamples} from "../lib/mnist.js";
import {createTrainer, type KernelName} from "../lib/kernels.js";
import {createNetwork, type Init, type Network} from "../lib/network.js";
import type {Dataset} from "./dataset.js";
import {progressReporter, type TrainingProgress} from "./progress.js";

export interface RunConfig {
  hidden: number;
  init: Init;
  lr: number;
  seed: number;
  /** Train on the first N training images only (TRAIN_LIMIT); undefined means all. */
  trainLimit?: number;
  /** The kernel trained with (lib/kernels.ts); kernels round differently, so it is part of the key. */
  kernel: KernelName;
}

export interface EpochMetrics {
  epoch: number;
  /** Fraction of the test set answered correctly after this epoch. */
  testScore: number;
  /** Fraction of the first 10,000 training images answered correctly (to see overfitting). */
  trainAccuracy: number;
  /** Seconds spent training this epoch (scoring excluded). */
  seconds: number;
  samplesPerSecond: number;
}

export interface Run {
  key: string;
  config: RunConfig;
  datasetChecksum: string;
  trainSamples: number;
  epochs: EpochMetrics[];
  /** Weights after the last stored epoch. */
  net: Network;
  /** Test-set answers after each epoch: testPredictions[epoch - 1][i]. */
  testPredictions: Uint8Array[];
}

interface Entry {
  format: 2;
  key: string;
  config: RunConfig;
  datasetChecksum: string;
  trainSamples: number;
  testSamples: number;
  epochs: EpochMetrics[];
  bin: {bytes: number; sha256: string};
}

/** Training accuracy is measured on this many images from the start of the training set. */
export const TRAIN_SUBSET = 10000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where runs are kept: $RUN_STORE, or .cache/runs in the project. */
export function storeDir(): string {
  return process.env.RUN_STORE ? resolve(process.env.RUN_STORE) : join(root, ".cache", "runs");
}

let engineHash: string | undefined;

/** SHA-256 of the engine's source (lib/): a change to the training code changes every key. */
export function engineVersion(): string {
  if (engineHash) return engineHash;
  const dir = join(root, "lib");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).filter((name) => name.endsWith(".ts")).sort()) {
    hash.update(name).update("\0").update(readFileSync(join(dir, name))).update("\0");
  }
  return (engineHash = hash.digest("hex"));
}

export function runKey(config: RunConfig, datasetChecksum: string): string {
  const {hidden, init, lr, seed, trainLimit = null, kernel} = config;
  // `format` names the entry layout: a store written by an older layout is simply not found.
  const identity = JSON.stringify({format: 2, datasetChecksum, hidden, init, lr, seed, trainLimit, kernel, engine: engineVersion()});
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

export function describeRun({hidden, init, lr, seed, trainLimit, kernel}: RunConfig): string {
  return `lr ${lr}, ${hidden} hidden, ${init}, seed ${seed}${trainLimit ? `, first ${trainLimit} images` : ""} (${kernel})`;
}

/**
 * The run for `config` trained for at least `epochs` epochs: read from the store, resumed
 * from stored weights when it has fewer epochs (training is in file order, so resuming equals
 * training from scratch), or trained. A corrupt entry is reported and retrained.
 */
export async function getRun(
  dataset: Dataset,
  config: RunConfig,
  epochs: number,
  store = storeDir(),
  report: (progress: TrainingProgress) => void = progressReporter(describeRun(config))
): Promise<Run> {
  const key = runKey(config, dataset.checksum);
  let run = readRun(store, key, dataset);
  if (run && run.epochs.length >= epochs) return run;
  run ??= freshRun(key, config, dataset);
  const train = firstSamples(dataset.train, config.trainLimit);
  const trainer = await createTrainer(run.net, config.kernel);
  trainer.prepare?.(train); // not part of an epoch's time
  for (let epoch = run.epochs.length + 1; epoch <= epochs; epoch++) {
    const start = performance.now();
    trainer.trainEpoch(train, config.lr, {
      onProgress: ({done, total}) => report({epoch, epochs, done, total})
    });
    const seconds = (performance.now() - start) / 1000;
    const {predictions, score} = trainer.evaluate(dataset.test);
    const trainAccuracy = trainer.evaluate(firstSamples(dataset.train, TRAIN_SUBSET)).score;
    run.epochs.push({epoch, testScore: score, trainAccuracy, seconds, samplesPerSecond: train.count / seconds});
    run.testPredictions.push(predictions);
  }
  run.net = trainer.network();
  writeRun(store, run, dataset.test.count);
  return run;
}

function freshRun(key: string, config: RunConfig, dataset: Dataset): Run {
  const {hidden, init, seed} = config;
  const net = createNetwork({inputs: dataset.train.size, hidden, outputs: 10, init, seed});
  const trainSamples = firstSamples(dataset.train, config.trainLimit).count;
  return {key, config, datasetChecksum: dataset.checksum, trainSamples, epochs: [], net, testPredictions: []};
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function writeRun(store: string, run: Run, testSamples: number): void {
  mkdirSync(store, {recursive: true});
  const {wih, who} = run.net;
  const bin = new Uint8Array(8 * (wih.length + who.length) + testSamples * run.testPredictions.length);
  const weights = new Float64Array(bin.buffer, 0, wih.length + who.length);
  weights.set(wih);
  weights.set(who, wih.length);
  run.testPredictions.forEach((p, i) => bin.set(p, weights.byteLength + i * testSamples));
  const entry: Entry = {
    format: 2,
    key: run.key,
    config: run.config,
    datasetChecksum: run.datasetChecksum,
    trainSamples: run.trainSamples,
    testSamples,
    epochs: run.epochs,
    bin: {bytes: bin.length, sha256: sha256(bin)}
  };
  // Unique temporary names: concurrent builds of one run each rename a whole file.
  const temp = `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const base = join(store, run.key);
  writeFileSync(base + ".bin" + temp, bin);
  writeFileSync(base + ".json" + temp, JSON.stringify(entry, null, 1));
  renameSync(base + ".bin" + temp, base + ".bin");
  renameSync(base + ".json" + temp, base + ".json");
}

/** How many epochs the store holds for `config` (0 when none, or corrupt). */
export function storedEpochs(dataset: Dataset, config: RunConfig, store = storeDir()): number {
  return readRun(store, runKey(config, dataset.checksum), dataset, true)?.epochs.length ?? 0;
}

/** Reads an entry; undefined when there is none, or when it is corrupt (reported on stderr). */
function readRun(store: string, key: string, dataset: Dataset, quiet = false): Run | undefined {
  let text: string;
  try {
    text = readFileSync(join(store, key + ".json"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(text) as Entry;
    const bin = new Uint8Array(readFileSync(join(store, key + ".bin")));
    if (entry.key !== key || entry.format !== 2) throw new Error("entry does not match its key");
    if (bin.length !== entry.bin.bytes || sha256(bin) !== entry.bin.sha256) throw new Error("weights file does not match its checksum");
    const run = freshRun(key, entry.config, dataset);
    const {wih, who} = run.net;
    const weights = new Float64Array(bin.buffer.slice(0, 8 * (wih.length + who.length)));
    wih.set(weights.subarray(0, wih.length));
    who.set(weights.subarray(wih.length));
    run.epochs = entry.epochs;
    run.testPredictions = entry.epochs.map((_, i) =>
      bin.slice(weights.byteLength + i * entry.testSamples, weights.byteLength + (i + 1) * entry.testSamples)
    );
    return run;
  } catch (error) {
    if (!quiet) process.stderr.write(`run store: entry ${key} in ${store} is corrupt (${(error as Error).message}); retraining\n`);
    return undefined;
  }
}
