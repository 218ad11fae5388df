// An experiment is a list of runs and the result tables built from them. Loaders in
// src/data/ and the command line both go through `experimentTables`.
import type {Table} from "apache-arrow";
import type {Dataset} from "../dataset.js";
import {ensureRuns} from "../run-pool.js";
import {getRun, runKey, type Run, type RunRequest} from "../run-store.js";
import type {Settings} from "../settings.js";

export interface Experiment {
  /** Command-line name and result-file prefix, e.g. "exp1". */
  id: string;
  title: string;
  /** The runs it needs, each with the epochs to train it for (and any epochs whose weights it needs). */
  runs(settings: Settings): RunRequest[];
  /** Its result tables, from the runs in the order `runs` listed them. */
  tables(runs: Run[], dataset: Dataset, settings: Settings): Record<string, Table>;
}

export async function experimentTables(experiment: Experiment, dataset: Dataset, settings: Settings): Promise<Record<string, Table>> {
  const requests = experiment.runs(settings);
  await ensureRuns(dataset, requests, settings.workers); // trains what the store lacks, in parallel
  const runs: Run[] = [];
  const read = new Map<string, Run>(); // experiments may list a run more than once
  for (const request of requests) {
    const key = runKey(request.config, dataset.checksum);
    const known = read.get(key);
    const run = known && known.epochs.length >= request.epochs && (request.snapshots ?? []).every((e) => known.snapshots.has(e) || e === known.epochs.length)
      ? known
      : await getRun(dataset, request);
    read.set(key, run);
    runs.push(run);
  }
  return experiment.tables(runs, dataset, settings);
}
