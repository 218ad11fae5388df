// A result table as Arrow IPC bytes that depend on the table alone. apache-arrow numbers
// dictionary columns (strings) from a process-wide counter, so the same table serialized
// after other tables in the same process would get other ids and other bytes; the build
// computes every experiment in one process, so the ids are renumbered by column here.
import {DataType, Dictionary, Table, tableToIPC, Vector} from "apache-arrow";

export function tableBytes(table: Table): Uint8Array {
  let next = 0;
  const columns: Record<string, Vector> = {};
  table.schema.fields.forEach((field, i) => {
    const column = table.getChildAt(i)!;
    if (!DataType.isDictionary(field.type)) {
      columns[field.name] = column;
      return;
    }
    const type = new Dictionary(field.type.dictionary, field.type.indices, next++, field.type.isOrdered);
    columns[field.name] = new Vector(column.data.map((data) => data.clone(type)));
  });
  return tableToIPC(new Table(columns), "file");
}
