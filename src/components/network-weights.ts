import {tableFromIPC, type Table} from "apache-arrow";
import type {Network} from "../lib/network.js";

// A network exported by the build (e.g. data/exp5-weights.arrow): one row per hidden node
// holding its input weights (wih, FixedSizeList<Float32>) and output weights (who).

/** The values of a FixedSizeList<Float32> column, all rows one after another. */
function listValues(table: Table, name: string): {values: Float32Array; size: number} {
  const column = table.getChild(name);
  if (!column) throw new Error(`weights file has no "${name}" column`);
  const size = (column.type as {listSize: number}).listSize;
  const values = new Float32Array(column.length * size);
  let offset = 0;
  for (const data of column.data) {
    const child = data.children[0];
    values.set(
      (child.values as Float32Array).subarray(
        child.offset + data.offset * size,
        child.offset + (data.offset + data.length) * size
      ),
      offset
    );
    offset += data.length * size;
  }
  return {values, size};
}

/** The network in lib/'s layout (Float64, as lib/network.ts computes). */
export function networkFromWeights(buffer: ArrayBuffer): Network {
  const table = tableFromIPC(new Uint8Array(buffer));
  const wih = listValues(table, "wih");
  const whoByNode = listValues(table, "who");
  const hidden = table.numRows;
  const outputs = whoByNode.size;
  const who = new Float64Array(outputs * hidden);
  for (let j = 0; j < hidden; j++)
    for (let k = 0; k < outputs; k++) who[k * hidden + j] = whoByNode.values[j * outputs + k];
  return {inputs: wih.size, hidden, outputs, wih: Float64Array.from(wih.values), who};
}

/** Rows of 28x28 Float32 images from a FixedSizeList column (e.g. exp5-backquery's "image"). */
export function imagesOf(buffer: ArrayBuffer, name: string): Float32Array[] {
  const {values, size} = listValues(tableFromIPC(new Uint8Array(buffer)), name);
  return Array.from({length: values.length / size}, (_, i) => values.subarray(i * size, (i + 1) * size));
}
