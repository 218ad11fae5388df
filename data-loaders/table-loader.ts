// A loader for one result table of one experiment, as Arrow IPC. A loader file imports its
// experiment's module, so its fingerprint (build.ts) covers that experiment's code and no other.
import {tableBytes} from "./arrow-bytes.js";
import {loadDataset} from "./dataset.js";
import {UsageError} from "./errors.js";
import {experimentTables, type Experiment} from "./experiments/experiment.js";
import {defineLoader, type Loader} from "./loader.js";
import {readSettings} from "./settings.js";

/** `name` may use the loader's params: "backquery-{lr}" for src/data/exp5-backquery-[lr].arrow.ts. */
export function tableLoader(moduleUrl: string, experiment: Experiment, name: string): Loader {
  return defineLoader(moduleUrl, async (params) => {
    const tableName = name.replace(/\{(\w+)\}/g, (_, param: string) => params[param] ?? "");
    const tables = await experimentTables(experiment, loadDataset(), readSettings());
    const table = tables[tableName];
    if (!table)
      throw new UsageError(
        `experiment ${experiment.id} has no table "${tableName}"; it has ${Object.keys(tables).join(", ")}`
      );
    return tableBytes(table);
  });
}
