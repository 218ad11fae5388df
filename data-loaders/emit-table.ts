// What a loader in src/data/ does: compute one table of one experiment and write it to
// stdout as Arrow IPC. Errors go to stderr as one clear line and exit non-zero, so the
// build stops and Framework keeps no output for the file.
import {tableToIPC} from "apache-arrow";
import {loadDataset} from "./dataset.js";
import {experimentTables} from "./experiments/experiment.js";
import {experiments} from "./experiments/index.js";
import {readSettings, UsageError} from "./settings.js";

/** One line for the user: the message of errors we expect, the stack of the others. */
export function describeError(error: unknown): string {
  if (error instanceof Error && ["IdxError", "SettingsError", "UsageError"].includes(error.name)) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Writes `bytes()` to stdout, or a clear error to stderr with a non-zero exit and no output. */
export async function emitBytes(bytes: () => Uint8Array | Promise<Uint8Array>): Promise<void> {
  try {
    process.stdout.write(await bytes());
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}

export async function emitTable(experimentId: string, tableName: string): Promise<void> {
  await emitBytes(async () => {
    const experiment = experiments[experimentId];
    if (!experiment) throw new Error(`no experiment "${experimentId}"`);
    const settings = readSettings();
    const tables = await experimentTables(experiment, loadDataset(), settings);
    const table = tables[tableName];
    if (!table) throw new UsageError(`experiment ${experimentId} has no table "${tableName}"`);
    return tableToIPC(table, "file");
  });
}
