// Images given by their input offsets instead of grey levels. Every kernel trains on
// x = 0.01 + s; for an MNIST image s = pixel / 255 * 0.99 is a byte's worth of values, but
// an image made by interpolation (a rotated copy, lib/rotation.ts) has real-valued s. Such
// images are kept in sparse form, only their nonzero offsets, so the sparse kernels stay
// exact (a zero offset is exactly zero) and fast (they touch only those pixels).
import type {LabelledImages} from "./mnist.js";

export interface OffsetImages {
  kind: "offsets";
  count: number;
  /** Inputs per image (784). */
  size: number;
  labels: Uint8Array;
  /** Image n's nonzero offsets are entries start[n] .. start[n + 1] of index and value. */
  start: Uint32Array;
  /** Input (pixel) index of each entry. */
  index: Uint16Array;
  /** Its offset s = x - 0.01, never 0. */
  value: Float64Array;
}

/** What a kernel trains on: grey-level images, or images given by their offsets. */
export type TrainingImages = LabelledImages | OffsetImages;

export const isOffsetImages = (data: TrainingImages): data is OffsetImages => (data as OffsetImages).kind === "offsets";

/** The input offset of a grey level, s = pixel / 255 * 0.99 (lib/scaling.ts, minus the 0.01). */
export const pixelOffset = (pixel: number) => (pixel / 255) * 0.99;

/** x = 0.01 + s of image n, as a dense input vector. */
export function offsetInput(
  data: OffsetImages,
  n: number,
  x: Float64Array = new Float64Array(data.size)
): Float64Array {
  x.fill(0.01);
  for (let m = data.start[n]; m < data.start[n + 1]; m++) x[data.index[m]] = 0.01 + data.value[m];
  return x;
}
