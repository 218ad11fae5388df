import {tableFromIPC} from "apache-arrow";

// Pages load result files with FileAttachment(name).arrayBuffer() (not .arrow(), which
// would make Framework fetch apache-arrow from a CDN) and turn them into plain rows here.

/** The rows of an Arrow IPC buffer as plain objects. */
export function rowsOf(buffer: ArrayBuffer): Record<string, any>[] {
  return tableFromIPC(new Uint8Array(buffer)).toArray().map((row) => row.toJSON());
}

/** The single row of a one-row table (a summary). */
export function rowOf(buffer: ArrayBuffer): Record<string, any> {
  const rows = rowsOf(buffer);
  if (rows.length !== 1) throw new Error(`expected a one-row table, got ${rows.length} rows`);
  return rows[0];
}
