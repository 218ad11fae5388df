// The table most experiments publish: one row per (run, epoch), the run's own columns first
// (its learning rate, hidden nodes, variant...), then its seed, the epoch and that epoch's metrics.
import {tableFromArrays, type Table} from "apache-arrow";
import type {Run} from "../run-entry.js";

/** A column of per-run values: whole numbers (Int32), real numbers (Float64) or text. */
export type RunColumn = {int: (run: Run) => number} | {float: (run: Run) => number} | {text: (run: Run) => string};

/** One row per run and epoch up to `epochs`, with `columns` describing each run. */
export function epochTable(runs: Run[], epochs: number, columns: Record<string, RunColumn>): Table {
  const rows = runs.flatMap((run) => run.epochs.slice(0, epochs).map((metrics) => ({run, metrics})));
  const own = Object.fromEntries(
    Object.entries(columns).map(([name, column]) => [
      name,
      "int" in column
        ? Int32Array.from(rows, (r) => column.int(r.run))
        : "float" in column
          ? Float64Array.from(rows, (r) => column.float(r.run))
          : rows.map((r) => column.text(r.run))
    ])
  );
  return tableFromArrays({
    ...own,
    seed: Int32Array.from(rows, (r) => r.run.config.seed),
    epoch: Int32Array.from(rows, (r) => r.metrics.epoch),
    testScore: Float64Array.from(rows, (r) => r.metrics.testScore),
    trainAccuracy: Float64Array.from(rows, (r) => r.metrics.trainAccuracy),
    seconds: Float64Array.from(rows, (r) => r.metrics.seconds)
  });
}
