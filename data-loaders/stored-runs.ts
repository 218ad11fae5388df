// Stored runs as the result tables read them, once the run pool has trained what the store
// lacked: each opened once per process, its metrics at once and its .bin only when a table reads
// weights, answers or back queries. Not part of the training code: editing it retrains nothing.
import type {Dataset} from "./dataset.js";
import {BuildError} from "./errors.js";
import {decodeBin} from "./run-bin.js";
import {coverage, readEntry, type Run, type RunIdentity, storeDir} from "./run-entry.js";
import {runKey, type RunConfig, type RunRequest} from "./run-key.js";
import {freshRun} from "./run-training.js";

/**
 * A stored run for the result tables, after `ensureRuns` has checked the store: its metrics
 * (`epochs`, `config`, ...) are read now, its .bin (weights, test answers, back queries,
 * snapshots) only when a table first reads one of those, and then once: most tables read
 * metrics only. `snapshotEpochs` says which snapshots it holds without reading them.
 * Undefined when the store has no entry for `key`; a BuildError naming the entry when it is
 * damaged or another run (the check moments before found it sound, so something changed it).
 */
export function openRun(
  store: string,
  key: string,
  empty: (config: RunConfig) => Run,
  expected?: RunIdentity
): {run: Run; snapshotEpochs: number[]} | undefined {
  const damaged = (error: Error) =>
    new BuildError(`run store: entry ${key} in ${store} changed during the build (${error.message}); build again`);
  const found = readEntry(store, key, true, expected);
  if (!found) return undefined;
  if (found instanceof Error) throw damaged(found);
  const {entry} = found;
  let bin = found.bin; // read already when the check had no record of it
  let decoded: Run | undefined;
  const whole = () => {
    if (decoded) return decoded;
    const read = bin ? {entry, bin} : readEntry(store, key, false, expected);
    if (!read || read instanceof Error) throw damaged(read ?? new Error("its files are gone"));
    // Rewritten since it was opened (trained further): its metrics here would not match its weights.
    if (read.entry.sha256 !== entry.sha256) throw damaged(new Error("it was rewritten after it was opened"));
    decoded = decodeBin(read.bin!, empty(entry.config), entry);
    bin = undefined;
    return decoded;
  };
  const run: Run = {
    key,
    config: entry.config,
    datasetChecksum: entry.datasetChecksum,
    trainSamples: entry.trainSamples,
    epochs: entry.epochs,
    get net() {
      return whole().net;
    },
    get testPredictions() {
      return whole().testPredictions;
    },
    get backQueries() {
      return whole().backQueries;
    },
    get snapshots() {
      return whole().snapshots;
    }
  };
  return {run, snapshotEpochs: entry.snapshots};
}

const opened = new Map<string, NonNullable<ReturnType<typeof openRun>>>();

/**
 * The stored run `request` asks for, for the result tables once `ensureRuns` has trained what
 * the store lacked: opened once per process and store (openRun), so experiments sharing a run
 * read it once, and its .bin only if a table reads its weights, answers or back queries.
 * Throws a BuildError naming the run when the store does not hold as much as `request` asks.
 */
export function storedRun(dataset: Dataset, request: RunRequest, store = storeDir()): Run {
  const key = runKey(request.config, dataset.checksum);
  const id = `${store}/${key}`;
  const covers = (found: {run: Run; snapshotEpochs: number[]} | undefined) =>
    found && coverage({epochs: found.run.epochs.length, snapshots: found.snapshotEpochs}, request) === "covers";
  let found = opened.get(id);
  if (!covers(found)) {
    found = openRun(store, key, (stored) => freshRun(key, stored, dataset, false), {
      config: request.config,
      datasetChecksum: dataset.checksum
    });
    if (!covers(found))
      throw new BuildError(
        `run store: ${store} lacks run ${key} (${request.epochs} epochs): it is trained before the tables are made`
      );
    opened.set(id, found!);
  }
  return found!.run;
}
