// How a run is kept in the store (outside Framework's cache): <key>.bin holds the weights at
// the last epoch, the test-set answers and the ten back-queried images after each epoch, then
// the weights at any snapshot epochs asked for; <key>.json holds the metrics, the .bin's
// SHA-256, and a SHA-256 of the rest of the JSON itself, so an edited or bit-flipped metric
// is found as surely as a damaged .bin. Both are written to temporary names and renamed, the
// .json last: a killed build leaves no entry half-made.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Network} from "../lib/network.js";
import {readBuildState, recordOf, writeBuildState} from "./build-state.js";
import {fileStamp} from "./file-stamp.js";
import {projectRoot} from "./module-graph.js";
import {describeRun, engineFingerprint, runKey, type RunConfig, type RunRequest} from "./run-key.js";
import {decodeBin, encodeBin} from "./run-bin.js";
import {writeAtomically} from "./temporaries.js";

export interface EpochMetrics {
  epoch: number;
  /** Fraction of the test set answered correctly after this epoch. */
  testScore: number;
  /** Fraction of the first TRAIN_SUBSET (10,000) training images answered correctly (to see overfitting). */
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

const FORMAT = 5;

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
  /** The training code's fingerprint (run-key.ts engineFingerprint) when it was written. */
  engine: string;
  /** SHA-256 of this entry's other fields, as compact JSON. */
  sha256: string;
}

/** Where runs are kept: $RUN_STORE, or .cache/runs in the project. */
export function storeDir(): string {
  return process.env.RUN_STORE ? resolve(process.env.RUN_STORE) : join(projectRoot, ".cache", "runs");
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const entryChecksum = ({sha256: _, ...fields}: Omit<Entry, "sha256"> & {sha256?: string}) =>
  sha256(JSON.stringify(fields));

/**
 * What a stored run (its epochs and the snapshot epochs it kept) does for a request:
 * "covers" it, can be "extended" by training more epochs (a missing snapshot past the stored
 * epochs is taken on the way), or must be "retrained" from scratch (there is none, or it
 * lacks a snapshot it has already passed).
 */
export function coverage(
  stored: {epochs: number; snapshots: Iterable<number>} | undefined,
  request: RunRequest
): "covers" | "extend" | "retrain" {
  if (!stored) return "retrain";
  const kept = new Set([...stored.snapshots, stored.epochs]);
  const missing = (request.snapshots ?? []).filter((epoch) => !kept.has(epoch));
  if (missing.some((epoch) => epoch < stored.epochs)) return "retrain";
  return stored.epochs >= request.epochs && missing.length === 0 ? "covers" : "extend";
}

export function writeRun(store: string, run: Run, testSamples: number): void {
  const {bin, snapshots} = encodeBin(run, testSamples);
  const fields: Omit<Entry, "sha256"> = {
    format: FORMAT,
    key: run.key,
    config: run.config,
    datasetChecksum: run.datasetChecksum,
    trainSamples: run.trainSamples,
    testSamples,
    epochs: run.epochs,
    snapshots,
    bin: {bytes: bin.length, sha256: sha256(bin)},
    engine: engineFingerprint().hash
  };
  const entry: Entry = {...fields, sha256: entryChecksum(fields)};
  // Each file whole under a unique temporary name, the .json last: concurrent builds of one
  // run each rename a whole file, and an entry is never seen before its .bin.
  writeAtomically(join(store, run.key + ".bin"), bin);
  writeAtomically(join(store, run.key + ".json"), JSON.stringify(entry, null, 1));
}

/**
 * .bin files whose SHA-256 was checked, with the size, time and inode they had then: the
 * pool's check of every entry on every build hashes a .bin again only when one of these
 * changed (as git trusts an unchanged stat). Reading a run always hashes it.
 */
const VERIFIED = "verified-runs.json";
let verified: Record<string, string> | undefined;

/** Keeps the record of checked .bin files for the next build (optional: it only saves time). */
export function saveVerified(): void {
  if (verified) writeBuildState(VERIFIED, verified, true);
}

/** The run a lookup asks for: its settings and the dataset's checksum (which its key hashes). */
export interface RunIdentity {
  config: RunConfig;
  datasetChecksum: string;
}

const short = (hash: string) => String(hash).slice(0, 12);

/**
 * Why a well-formed entry is not the run its key names, and, when given, the run asked for:
 * its settings, its dataset, or the training code that wrote it differ. An entry copied or
 * written under another run's key has valid checksums, so only this finds it.
 */
function otherRun(entry: Entry, expected?: RunIdentity): string | undefined {
  // runKey normalises (no trainLimit = null, no rotations = []), so keys compare settings.
  if (expected && runKey(entry.config, "") !== runKey(expected.config, ""))
    return `its settings are ${describeRun(entry.config)}, not the ${describeRun(expected.config)} asked for`;
  if (expected && entry.datasetChecksum !== expected.datasetChecksum)
    return `it was trained on another dataset (checksum ${short(entry.datasetChecksum)}, not ${short(expected.datasetChecksum)})`;
  const engine = engineFingerprint().hash;
  if (entry.engine !== engine)
    return `it was written by other training code (engine ${short(entry.engine)}, not ${short(engine)})`;
  if (runKey(entry.config, entry.datasetChecksum) !== entry.key)
    return "its settings and dataset checksum do not give its key";
  return undefined;
}

/**
 * An entry and its .bin, checked whole: undefined when there is none; an Error saying what is
 * wrong when it is damaged (edited, truncated, written by another format) or is another run
 * than its key (and `expected`) name. With `trustUnchanged`, a .bin checked before and
 * unchanged since is not hashed again.
 */
export function readEntry(
  store: string,
  key: string,
  trustUnchanged = false,
  expected?: RunIdentity
): {entry: Entry; bin?: Uint8Array} | Error | undefined {
  let text: string;
  try {
    // build-input: none, a stored run is named by its key and checked against it and its checksums here
    text = readFileSync(join(store, key + ".json"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(text) as Entry;
    if (entry.format !== FORMAT) throw new Error(`written by entry format ${entry.format}, this is ${FORMAT}`);
    if (entry.key !== key) throw new Error("entry does not match its key");
    if (entry.sha256 !== entryChecksum(entry)) throw new Error("entry does not match its checksum (edited or damaged)");
    const other = otherRun(entry, expected);
    if (other) throw new Error(other);
    const binFile = join(store, key + ".bin");
    verified ??= readBuildState(
      VERIFIED,
      recordOf<string>("an object of file stamps", (stamp) => typeof stamp === "string")
    );
    const id = `${binFile} ${entry.bin.sha256}`;
    if (trustUnchanged && verified[id] === fileStamp(binFile)) return {entry};
    // build-input: none, checked against the entry's checksum just below
    const bin = new Uint8Array(readFileSync(binFile));
    if (bin.length !== entry.bin.bytes || sha256(bin) !== entry.bin.sha256)
      throw new Error("weights file does not match its checksum");
    verified[id] = fileStamp(binFile);
    return {entry, bin};
  } catch (error) {
    return error as Error;
  }
}

let reporting = true;

/** Stops reporting damaged entries here: the pool's workers, whose entries the pool checked and reported first. */
export function quietDamagedEntries(): void {
  reporting = false;
}

const reportCorrupt = (store: string, key: string, error: Error) => {
  if (reporting)
    process.stderr.write(`run store: entry ${key} in ${store} is corrupt (${error.message}); retraining\n`);
};

/**
 * What the store holds for a run: its epochs and snapshot epochs, after checking the whole
 * entry and that it is the run `expected` (a damaged or other one counts as absent, reported
 * once here so the pool retrains it).
 */
export function storedState(
  store: string,
  key: string,
  expected?: RunIdentity
): {epochs: number; snapshots: number[]} | undefined {
  const found = readEntry(store, key, true, expected);
  if (found instanceof Error) return void reportCorrupt(store, key, found);
  return found && {epochs: found.entry.epochs.length, snapshots: found.entry.snapshots};
}

/** Reads a run; undefined when there is none, or when it is damaged or not the run `expected` (reported on stderr). */
export function readRun(
  store: string,
  key: string,
  empty: (config: RunConfig) => Run,
  expected?: RunIdentity
): Run | undefined {
  const found = readEntry(store, key, false, expected);
  if (!found) return undefined;
  try {
    if (found instanceof Error) throw found;
    return decodeBin(found.bin!, empty(found.entry.config), found.entry); // read whole: not trusted
  } catch (error) {
    reportCorrupt(store, key, error as Error);
    return undefined;
  }
}
