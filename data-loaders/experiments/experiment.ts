// An experiment is a list of runs and the result tables built from them. Loaders in
// src/data/ and the command line both go through `experimentTables`.
import type {Table} from "apache-arrow";
import type {Dataset} from "../dataset.js";
import {ensureRuns} from "../run-pool.js";
import {getRun, type Run, type RunRequest} from "../run-store.js";
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
  for (const request of requests) runs.push(await getRun(dataset, request));
  return experiment.tables(runs, dataset, settings);
}
