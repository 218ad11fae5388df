// An experiment is a list of runs and the result tables built from them: one definition file in
// this folder (its default export) and one page in src/. The build, the loader
// src/data/[result].arrow.ts and the command line all go through `experimentTable`.
import type {Table} from "apache-arrow";
import type {Dataset} from "../dataset.js";
import {UsageError} from "../errors.js";
import {ensureRuns} from "../run-pool.js";
import type {Run} from "../run-entry.js";
import type {RunRequest} from "../run-key.js";
import {storedRun} from "../stored-runs.js";
import {checkSettings, type Settings} from "../settings.js";

/**
 * One result table from the runs an experiment asked for (in the order `runs` listed them).
 * Pure: the same runs, dataset and settings give the same table, byte for byte.
 */
export type TableMaker = (runs: RequestedRun[], dataset: Dataset, settings: Settings) => Table;

export interface Experiment {
  /** Command-line name and result-file prefix: data/<id>-<table>.arrow. Lower-case letters and digits, e.g. "exp1". */
  id: string;
  /** Its name in the sidebar and the index, e.g. "Experiment 3: epochs"; the sidebar sorts by it, numbers as numbers. */
  title: string;
  /** Its page: "/experiment-3" is src/experiment-3.md. */
  page: string;
  /** One sentence saying what the page shows: the index's list and the page's meta description. */
  description: string;
  /** The runs it needs, each with the epochs to train it for (and any epochs whose weights it needs). */
  runs(settings: Settings): RunRequest[];
  /**
   * Its result tables by name. A table named "headline" (one row, made with headlineTable)
   * puts the experiment in the index's "Headline results".
   */
  tables: Record<string, TableMaker>;
}

/**
 * A stored run and the request it answers. The store may hold more epochs than asked for (Experiment 1
 * reads epoch 1 of a run Experiment 4 trains to 15): tables read `request.epochs` of them.
 */
export type RequestedRun = Run & {request: RunRequest};

/** The names of an experiment's tables, in the order it defines them. */
export const tableNames = (experiment: Experiment): string[] => Object.keys(experiment.tables);

/** The maker of table `name`, or a UsageError naming the experiment and the tables it has. */
export function tableMaker(experiment: Experiment, name: string): TableMaker {
  if (!Object.hasOwn(experiment.tables, name))
    throw new UsageError(
      `experiment ${experiment.id} has no table "${name}"; it has ${tableNames(experiment).join(", ")}`
    );
  return experiment.tables[name];
}

const ensured = new Map<string, Promise<RequestedRun[]>>();

/**
 * The runs `experiment` asks for, trained if the store lacks them: ensured once per process,
 * dataset and settings however many of its tables are made (a build makes each in turn).
 */
export function requestedRuns(experiment: Experiment, dataset: Dataset, settings: Settings): Promise<RequestedRun[]> {
  const id = JSON.stringify([experiment.id, dataset.checksum, settings.trainLimit, settings.kernel, settings.seeds]);
  let runs = ensured.get(id);
  if (!runs) {
    runs = ensure(experiment, dataset, settings);
    ensured.set(id, runs);
  }
  return runs;
}

async function ensure(experiment: Experiment, dataset: Dataset, settings: Settings): Promise<RequestedRun[]> {
  checkSettings(settings, dataset);
  const requests = experiment.runs(settings);
  await ensureRuns(dataset, requests, settings.workers); // trains what the store lacks, in parallel
  // Each run is opened once per build however many experiments list it, its weights read only
  // if a table reads them. Not a spread: that would read every run's weights at once.
  return requests.map((request) => Object.assign(Object.create(storedRun(dataset, request)), {request}));
}

/** Table `name` of `experiment`; an unknown name is a UsageError, told before any training. */
export async function experimentTable(
  experiment: Experiment,
  name: string,
  dataset: Dataset,
  settings: Settings
): Promise<Table> {
  const make = tableMaker(experiment, name);
  return make(await requestedRuns(experiment, dataset, settings), dataset, settings);
}

/** Every table of `experiment` from `runs` by name, each made when first read (tests, the command line). */
export function tablesFrom(
  experiment: Experiment,
  runs: RequestedRun[],
  dataset: Dataset,
  settings: Settings
): Record<string, Table> {
  const tables: Record<string, Table> = {};
  for (const [name, make] of Object.entries(experiment.tables)) {
    let table: Table | undefined;
    Object.defineProperty(tables, name, {enumerable: true, get: () => (table ??= make(runs, dataset, settings))});
  }
  return tables;
}
