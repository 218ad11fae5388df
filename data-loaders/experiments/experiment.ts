// An experiment is a list of runs and the result tables built from them. The build, the
// loaders in src/data/ and the command line all go through `experimentTables`.
import type {Table} from "apache-arrow";
import type {Dataset} from "../dataset.js";
import {ensureRuns} from "../run-pool.js";
import type {Run} from "../run-entry.js";
import type {RunRequest} from "../run-key.js";
import {storedRun} from "../run-training.js";
import {checkSettings, type Settings} from "../settings.js";

export interface Experiment {
  /** Command-line name and result-file prefix, e.g. "exp1". */
  id: string;
  title: string;
  /** The runs it needs, each with the epochs to train it for (and any epochs whose weights it needs). */
  runs(settings: Settings): RunRequest[];
  /** The names of the tables `tables` returns, known before any run is trained (to check a request first). */
  tableNames(settings: Settings): string[];
  /** Its result tables, from the runs in the order `runs` listed them, each with the request that asked for it. */
  tables(runs: RequestedRun[], dataset: Dataset, settings: Settings): Record<string, Table>;
}

/**
 * A stored run and the request it answers. The store may hold more epochs than asked for (Experiment 1
 * reads epoch 1 of a run Experiment 4 trains to 15): tables read `request.epochs` of them.
 */
export type RequestedRun = Run & {request: RunRequest};

const computed = new Map<string, Promise<Record<string, Table>>>();

/** An experiment's tables, computed once per process and settings (a build asks for each table in turn). */
export function experimentTables(
  experiment: Experiment,
  dataset: Dataset,
  settings: Settings
): Promise<Record<string, Table>> {
  const id = JSON.stringify([experiment.id, dataset.checksum, settings.trainLimit, settings.kernel, settings.seeds]);
  let tables = computed.get(id);
  if (!tables) {
    tables = compute(experiment, dataset, settings);
    computed.set(id, tables);
  }
  return tables;
}

async function compute(experiment: Experiment, dataset: Dataset, settings: Settings): Promise<Record<string, Table>> {
  checkSettings(settings, dataset);
  const requests = experiment.runs(settings);
  await ensureRuns(dataset, requests, settings.workers); // trains what the store lacks, in parallel
  // Each run is opened once per build however many experiments list it, its weights read only
  // if a table reads them. Not a spread: that would read every run's weights at once.
  const runs: RequestedRun[] = requests.map((request) =>
    Object.assign(Object.create(storedRun(dataset, request)), {request})
  );
  return experiment.tables(runs, dataset, settings);
}
