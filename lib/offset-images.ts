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

/** A set's grey-level images as lists of their nonzero pixels: indices and grey levels, image after image. */
export interface SparseImages {
  /** Image n's entries are start[n] .. start[n + 1]. */
  start: Uint32Array;
  index: Uint16Array;
  value: Uint8Array;
}

// Built once per image set and reused every epoch: scanning 784 pixels per image for the
// ~150 nonzero ones would otherwise cost as much as a tenth of the training.
const sparseCache = new WeakMap<Uint8Array, SparseImages>();

/** The sparse form of a set's images, built on first use and kept while the set lives. */
export function sparseImages(data: LabelledImages): SparseImages {
  let sparse = sparseCache.get(data.pixels);
  if (sparse) return sparse;
  let nonzero = 0;
  for (let i = 0; i < data.count * data.size; i++) if (data.pixels[i] !== 0) nonzero++;
  sparse = {start: new Uint32Array(data.count + 1), index: new Uint16Array(nonzero), value: new Uint8Array(nonzero)};
  let m = 0;
  for (let n = 0; n < data.count; n++) {
    for (let i = 0; i < data.size; i++) {
      const p = data.pixels[n * data.size + i];
      if (p !== 0) {
        sparse.index[m] = i;
        sparse.value[m++] = p;
      }
    }
    sparse.start[n + 1] = m;
  }
  sparseCache.set(data.pixels, sparse);
  return sparse;
}

/**
 * Any training set as lists of nonzero entries: offset images as they are (f64 offsets), grey-level
 * images by `sparseImages` (grey levels, built once per set). The sparse kernels read this form.
 */
export const sparseForm = (data: TrainingImages): OffsetImages | SparseImages =>
  isOffsetImages(data) ? data : sparseImages(data);
