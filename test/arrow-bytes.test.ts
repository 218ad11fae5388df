import {tableFromArrays, tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {tableBytes} from "../data-loaders/arrow-bytes.js";

describe("tableBytes", () => {
  const make = () =>
    tableFromArrays({init: ["Normal", "Rand"], score: Float64Array.of(0.9, 0.8), kernel: ["wasm-f32", "dense"]});

  it("gives a table the same bytes whatever the process built before (dictionary ids renumbered)", () => {
    const first = make();
    for (let i = 0; i < 5; i++) make(); // more dictionary columns: apache-arrow's id counter moves on
    const later = make(); // apache-arrow 21 writes its dictionaries under other ids than first's
    expect(tableBytes(later)).toEqual(tableBytes(first));
  });

  it("keeps the content: names, types and values round-trip", () => {
    const table = make();
    const read = tableFromIPC(tableBytes(table));
    expect(read.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(
      table.schema.fields.map((f) => [f.name, String(f.type)])
    );
    expect(read.toArray().map((row) => row.toJSON())).toEqual(table.toArray().map((row) => row.toJSON()));
  });
});
