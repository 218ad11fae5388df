import {tableFromIPC} from "apache-arrow";

// Pages load result files with FileAttachment(name).arrayBuffer() (not .arrow(), which
// would make Framework fetch apache-arrow from a CDN) and turn them into plain rows here.

/** A result row: pages know their tables' columns, so fields are left untyped for them. */
// biome-ignore lint/suspicious/noExplicitAny: columns differ per table; the page that reads a table knows them
export type Row = Record<string, any>;

/** The rows of an Arrow IPC buffer as plain objects. */
export function rowsOf(buffer: ArrayBuffer): Row[] {
  return tableFromIPC(new Uint8Array(buffer))
    .toArray()
    .map((row) => row.toJSON());
}

/** The single row of a one-row table (a summary). */
export function rowOf(buffer: ArrayBuffer): Row {
  const rows = rowsOf(buffer);
  if (rows.length !== 1) throw new Error(`expected a one-row table, got ${rows.length} rows`);
  return rows[0];
}
