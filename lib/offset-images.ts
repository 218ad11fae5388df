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
export function offsetInput(data: OffsetImages, n: number, x: Float64Array = new Float64Array(data.size)): Float64Array {
  x.fill(0.01);
  for (let m = data.start[n]; m < data.start[n + 1]; m++) x[data.index[m]] = 0.01 + data.value[m];
  return x;
}

/**
 * Collects images one at a time (their dense offsets, zeros skipped) into an OffsetImages.
 * Capacity grows as needed, so callers need not know how many nonzero offsets will come.
 */
export function offsetImagesBuilder(count: number, size: number) {
  const labels = new Uint8Array(count);
  const start = new Uint32Array(count + 1);
  let index = new Uint16Array(count * 64);
  let value = new Float64Array(count * 64);
  let n = 0;
  let m = 0;
  return {
    add(offsets: ArrayLike<number>, label: number): void {
      if (n === count) throw new RangeError(`more than the ${count} images announced`);
      if (m + size > index.length) {
        const grown = Math.max(index.length * 2, m + size);
        index = copyInto(new Uint16Array(grown), index);
        value = copyInto(new Float64Array(grown), value);
      }
      for (let i = 0; i < size; i++) {
        if (offsets[i] !== 0) {
          index[m] = i;
          value[m++] = offsets[i];
        }
      }
      labels[n++] = label;
      start[n] = m;
    },
    done(): OffsetImages {
      if (n !== count) throw new RangeError(`${n} images added of the ${count} announced`);
      return {kind: "offsets", count, size, labels, start, index: index.slice(0, m), value: value.slice(0, m)};
    }
  };
}

function copyInto<T extends Uint16Array | Float64Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
