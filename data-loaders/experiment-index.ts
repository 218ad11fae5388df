// What the home page lists: every experiment in report order, with its page, its one-sentence
// description and, if it has a "headline" table, its row of "Headline results".
import {relative} from "node:path";
import {loadDataset} from "./dataset.js";
import {UsageError} from "./errors.js";
import {experimentTable, tableNames} from "./experiments/experiment.js";
import {experimentFiles, experiments} from "./experiments/index.js";
import {defineLoader, type Loader} from "./loader.js";
import {projectRoot} from "./module-graph.js";
import {readSettings} from "./settings.js";

/** One experiment as the index shows it; `headline` is the one row of its "headline" table. */
export interface IndexEntry {
  id: string;
  title: string;
  page: string;
  description: string;
  headline?: Record<string, unknown>;
}

/** The index's entries, trained first if the store lacks an experiment's runs. */
export async function experimentIndex(): Promise<IndexEntry[]> {
  const dataset = loadDataset();
  const settings = readSettings();
  const entries: IndexEntry[] = [];
  for (const experiment of Object.values(experiments)) {
    const {id, title, page, description} = experiment;
    const entry: IndexEntry = {id, title, page, description};
    if (tableNames(experiment).includes("headline")) {
      const table = await experimentTable(experiment, "headline", dataset, settings);
      if (table.numRows !== 1)
        throw new UsageError(
          `${relative(projectRoot, experimentFiles[id])}: its headline table has ${table.numRows} rows; it must have one (headlineTable)`
        );
      entry.headline = table.get(0)!.toJSON();
    }
    entries.push(entry);
  }
  return entries;
}

/** The loader src/data/experiments.json.ts exports: its output depends on every experiment's code. */
export function experimentIndexLoader(moduleUrl: string): Loader {
  return defineLoader(
    moduleUrl,
    async () => new TextEncoder().encode(`${JSON.stringify(await experimentIndex(), null, 1)}\n`),
    () => Object.values(experimentFiles)
  );
}
