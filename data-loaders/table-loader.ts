// The loader of every experiment's result tables, as Arrow IPC: src/data/[result].arrow.ts makes
// data/<experiment id>-<table>.arrow. Its fingerprint (loader-outputs.ts) covers the loader's own
// code and the one experiment's definition, so editing an experiment remakes its tables only.
import {tableBytes} from "./arrow-bytes.js";
import {loadDataset} from "./dataset.js";
import {UsageError} from "./errors.js";
import {experimentTable, type Experiment} from "./experiments/experiment.js";
import {experimentFiles, experiments} from "./experiments/index.js";
import {defineLoader, type Loader} from "./loader.js";
import {readSettings} from "./settings.js";

/** The experiment and table a result name ("exp5-backquery-0.1") names; a UsageError if none. */
export function resultTable(result: string): {experiment: Experiment; table: string} {
  const cut = result.indexOf("-");
  const id = cut < 0 ? result : result.slice(0, cut);
  const experiment = Object.hasOwn(experiments, id) ? experiments[id] : undefined;
  if (!experiment || cut < 0)
    throw new UsageError(
      `data/${result}.arrow: expected data/<experiment>-<table>.arrow with an experiment of ${Object.keys(experiments).join(", ")}`
    );
  return {experiment, table: result.slice(cut + 1)};
}

/** The loader src/data/[result].arrow.ts exports. */
export function resultLoader(moduleUrl: string): Loader {
  return defineLoader(
    moduleUrl,
    async ({result = ""}) => {
      const {experiment, table} = resultTable(result);
      return tableBytes(await experimentTable(experiment, table, loadDataset(), readSettings()));
    },
    ({result = ""}) => [experimentFiles[resultTable(result).experiment.id]]
  );
}
