// A content-addressed store of training runs, outside Framework's cache (which reuses stale
// loader output). A run is (dataset, hidden nodes, init, lr, seed, training limit) trained for
// some epochs; its key hashes those and the training code, so changing either retrains and
// nothing else does. An entry is <key>.bin (weights at the last epoch, the test-set
// predictions and the ten back-queried images after each epoch, then the weights at any
// snapshot epochs asked for) and <key>.json (metrics and the .bin's SHA-256), both written
// to temporary names and renamed, the .json last: a killed build leaves no entry half-made.
import {createHash} from "node:crypto";
import {mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {firstSamples} from "../lib/mnist.js";
import {createTrainer, type KernelName} from "../lib/kernels.js";
import {backQuery, createNetwork, type Init, type Network} from "../lib/network.js";
import {withRotations} from "../lib/rotation.js";
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
  /**
   * Also train on each image rotated by these angles (degrees), right after the image itself,
   * as the book's rotation notebook does with [10, -10] (lib/rotation.ts). Absent: no rotations.
   */
  rotations?: number[];
}

/** A run trained for `epochs` epochs, keeping its weights after each epoch in `snapshots` too. */
export interface RunRequest {
  config: RunConfig;
  epochs: number;
  snapshots?: number[];
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
  /** The back query of labels 0..9 after each epoch: backQueries[epoch - 1], 10 x inputs, Float32. */
  backQueries: Float32Array[];
  /** Weights after the snapshot epochs asked for, other than the last (whose weights are `net`). */
  snapshots: Map<number, Network>;
}

const FORMAT = 3;

interface Entry {
  format: typeof FORMAT;
  key: string;
  config: RunConfig;
  datasetChecksum: string;
  trainSamples: number;
  testSamples: number;
  epochs: EpochMetrics[];
  /** Epochs whose weights follow the back queries in the .bin, in this order. */
  snapshots: number[];
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

/** What a run is computed with: the kernels, the reference network (init, back query), IDX parsing and rotation. */
const ENGINE_ENTRIES = ["kernels.ts", "network.ts", "mnist.ts", "rotation.ts"];

/** The lib/ files `entries` import, directly or not (relative imports only). */
export function engineFiles(dir = join(root, "lib"), entries = ENGINE_ENTRIES): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const source = readFileSync(join(dir, name), "utf8");
    for (const [, path] of source.matchAll(/^\s*(?:import|export)\b[^"']*?from\s+["']\.\/([\w.-]+)\.js["']/gm)) visit(path + ".ts");
  };
  entries.forEach(visit);
  return [...seen].sort();
}

/**
 * SHA-256 of the training code: the lib/ files a run's numbers depend on. A change to any of
 * them changes every key; a change to lib/ code that training does not import (the drawing
 * preprocessing, say) does not retrain anything.
 */
export function engineVersion(): string {
  if (engineHash) return engineHash;
  const dir = join(root, "lib");
  const hash = createHash("sha256");
  for (const name of engineFiles(dir)) {
    hash.update(name).update("\0").update(readFileSync(join(dir, name))).update("\0");
  }
  return (engineHash = hash.digest("hex"));
}

export function runKey(config: RunConfig, datasetChecksum: string): string {
  const {hidden, init, lr, seed, trainLimit = null, kernel, rotations = []} = config;
  // `format` names the entry layout: a store written by an older layout is simply not found.
  // Rotations enter the key only when there are some, so unrotated runs keep their keys.
  const identity = JSON.stringify({
    format: FORMAT, datasetChecksum, hidden, init, lr, seed, trainLimit, kernel, ...(rotations.length ? {rotations} : {}), engine: engineVersion()
  });
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

export function describeRun({hidden, init, lr, seed, trainLimit, kernel, rotations = []}: RunConfig): string {
  const rotated = rotations.length ? `, rotated ${rotations.map((r) => `${r > 0 ? "+" : ""}${r}°`).join(" ")}` : "";
  return `lr ${lr}, ${hidden} hidden, ${init}, seed ${seed}${trainLimit ? `, first ${trainLimit} images` : ""}${rotated} (${kernel})`;
}

/** Samples one epoch of a run trains on: each image and its rotated copies. */
export const samplesPerImage = (config: RunConfig) => 1 + (config.rotations?.length ?? 0);

/**
 * The run asked for, trained for at least `request.epochs` epochs with weights kept after
 * each snapshot epoch: read from the store, resumed from stored weights when it has fewer
 * epochs (training is in file order, so resuming equals training from scratch), or trained.
 * A stored run that lacks a snapshot it has already passed is retrained from scratch.
 * A corrupt entry is reported and retrained.
 */
export async function getRun(
  dataset: Dataset,
  request: RunRequest,
  store = storeDir(),
  report: (progress: TrainingProgress) => void = progressReporter(describeRun(request.config))
): Promise<Run> {
  const {config, epochs} = request;
  const snapshots = [...new Set(request.snapshots ?? [])].sort((a, b) => a - b);
  for (const epoch of snapshots) {
    if (!Number.isInteger(epoch) || epoch < 1 || epoch > epochs) throw new RangeError(`snapshot epoch ${epoch} is not one of epochs 1..${epochs}`);
  }
  const key = runKey(config, dataset.checksum);
  let run = readRun(store, key, dataset);
  if (run && missingSnapshots(run, snapshots).some((epoch) => epoch < run!.epochs.length)) run = undefined;
  if (run && run.epochs.length >= epochs && missingSnapshots(run, snapshots).length === 0) return run;
  run ??= freshRun(key, config, dataset);
  if (snapshots.includes(run.epochs.length)) run.snapshots.set(run.epochs.length, run.net); // about to train past it
  const images = firstSamples(dataset.train, config.trainLimit);
  const train = config.rotations?.length ? withRotations(images, config.rotations) : images; // rotated copies: made here, never stored
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
    const net = trainer.network();
    run.backQueries.push(backQueries(net));
    if (snapshots.includes(epoch)) run.snapshots.set(epoch, net);
  }
  run.net = trainer.network();
  run.snapshots.delete(run.epochs.length); // the last epoch's weights are `net`
  writeRun(store, run, dataset.test.count);
  return run;
}

/** The run's weights after `epoch`: its last epoch, or a snapshot it was asked to keep. */
export function weightsAt(run: Run, epoch: number): Network {
  if (epoch === run.epochs.length) return run.net;
  const net = run.snapshots.get(epoch);
  if (!net) throw new RangeError(`run ${run.key} kept no weights after epoch ${epoch} (request it as a snapshot)`);
  return net;
}

const missingSnapshots = (run: Run, snapshots: number[]) =>
  snapshots.filter((epoch) => !run.snapshots.has(epoch) && epoch !== run.epochs.length);

/** The ten back-queried images (labels 0..9) of a network, one after another. */
export function backQueries(net: Network): Float32Array {
  const images = new Float32Array(net.outputs * net.inputs);
  for (let label = 0; label < net.outputs; label++) images.set(backQuery(net, label), label * net.inputs);
  return images;
}

/** A run with no epochs yet: initial weights drawn from the seed, or zeros to be overwritten from a file. */
function freshRun(key: string, config: RunConfig, dataset: Dataset, initialise = true): Run {
  const {hidden, init, seed} = config;
  const inputs = dataset.train.size;
  const net = initialise
    ? createNetwork({inputs, hidden, outputs: 10, init, seed})
    : {inputs, hidden, outputs: 10, wih: new Float64Array(hidden * inputs), who: new Float64Array(10 * hidden)};
  const trainSamples = firstSamples(dataset.train, config.trainLimit).count;
  return {key, config, datasetChecksum: dataset.checksum, trainSamples, epochs: [], net, testPredictions: [], backQueries: [], snapshots: new Map()};
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Byte layout of an entry's .bin: where each part starts. */
function binLayout(net: Network, epochs: number, testSamples: number, snapshots: number) {
  const weights = 8 * (net.wih.length + net.who.length);
  const predictions = weights;
  const backQueries = predictions + epochs * testSamples;
  const backQueryBytes = 4 * net.outputs * net.inputs;
  const snapshotStart = backQueries + epochs * backQueryBytes;
  return {weights, predictions, backQueries, backQueryBytes, snapshots: snapshotStart, bytes: snapshotStart + snapshots * weights};
}

function writeWeights(bin: Uint8Array, offset: number, {wih, who}: Network): void {
  // Copied as bytes: a snapshot follows the test answers (one byte per test image and epoch),
  // so its offset need not be a multiple of 8 and a Float64Array view on it would throw.
  const weights = new Float64Array(wih.length + who.length);
  weights.set(wih);
  weights.set(who, wih.length);
  bin.set(new Uint8Array(weights.buffer), offset);
}

function readWeights(bin: Uint8Array, offset: number, net: Network): Network {
  const {wih, who} = net;
  const weights = new Float64Array(bin.buffer.slice(offset, offset + 8 * (wih.length + who.length)));
  return {...net, wih: weights.slice(0, wih.length), who: weights.slice(wih.length)};
}

function writeRun(store: string, run: Run, testSamples: number): void {
  mkdirSync(store, {recursive: true});
  const snapshots = [...run.snapshots.keys()].sort((a, b) => a - b);
  const layout = binLayout(run.net, run.epochs.length, testSamples, snapshots.length);
  const bin = new Uint8Array(layout.bytes);
  writeWeights(bin, 0, run.net);
  run.testPredictions.forEach((p, i) => bin.set(p, layout.predictions + i * testSamples));
  run.backQueries.forEach((b, i) => bin.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), layout.backQueries + i * layout.backQueryBytes));
  snapshots.forEach((epoch, i) => writeWeights(bin, layout.snapshots + i * layout.weights, run.snapshots.get(epoch)!));
  const entry: Entry = {
    format: FORMAT,
    key: run.key,
    config: run.config,
    datasetChecksum: run.datasetChecksum,
    trainSamples: run.trainSamples,
    testSamples,
    epochs: run.epochs,
    snapshots,
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

/**
 * What the store holds for `request.config`: how many epochs, and how many training must add
 * to meet the request. Reads only the entry's JSON (a corrupt .bin is found, and retrained,
 * when the run is read).
 */
export function storedState(dataset: Dataset, request: RunRequest, store = storeDir()): {epochs: number; toTrain: number} {
  const key = runKey(request.config, dataset.checksum);
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(join(store, key + ".json"), "utf8")) as Entry;
    if (entry.key !== key || entry.format !== FORMAT) throw new Error("stale");
  } catch {
    return {epochs: 0, toTrain: request.epochs};
  }
  const have = entry.epochs.length;
  const kept = new Set([...entry.snapshots, have]);
  // A missing snapshot past the stored epochs is taken on the way; one before them needs a fresh start.
  if ((request.snapshots ?? []).some((epoch) => !kept.has(epoch) && epoch < have)) return {epochs: have, toTrain: request.epochs};
  return {epochs: have, toTrain: Math.max(0, request.epochs - have)};
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
    if (entry.key !== key || entry.format !== FORMAT) throw new Error("entry does not match its key");
    if (bin.length !== entry.bin.bytes || sha256(bin) !== entry.bin.sha256) throw new Error("weights file does not match its checksum");
    const run = freshRun(key, entry.config, dataset, false);
    const epochs = entry.epochs.length;
    const layout = binLayout(run.net, epochs, entry.testSamples, entry.snapshots.length);
    if (layout.bytes !== bin.length) throw new Error("weights file has the wrong size");
    run.net = readWeights(bin, 0, run.net);
    run.epochs = entry.epochs;
    for (let i = 0; i < epochs; i++) {
      run.testPredictions.push(bin.slice(layout.predictions + i * entry.testSamples, layout.predictions + (i + 1) * entry.testSamples));
      const start = layout.backQueries + i * layout.backQueryBytes;
      run.backQueries.push(new Float32Array(bin.buffer.slice(start, start + layout.backQueryBytes)));
    }
    entry.snapshots.forEach((epoch, i) => run.snapshots.set(epoch, readWeights(bin, layout.snapshots + i * layout.weights, run.net)));
    return run;
  } catch (error) {
    if (!quiet) process.stderr.write(`run store: entry ${key} in ${store} is corrupt (${(error as Error).message}); retraining\n`);
    return undefined;
  }
}
