// The book's extra training data: each image also trained on rotated by +10 and -10 degrees,
// made with scipy.ndimage.rotate(image, angle, cval=0.01, order=1, reshape=False). That is
// bilinear interpolation about the image centre, same size: output pixel (r, c) samples the
// input at (row, col) = M (r - h, c - h) + (h, h), M = [[cos, sin], [-sin, cos]], h = 13.5;
// a sample outside [0, 27] on either axis takes the fill value (SciPy's "constant" mode
// does not interpolate past the edge).
//
// Rotation is affine with weights summing to 1, so rotating x = 0.01 + s with fill 0.01
// equals 0.01 + (s rotated with fill 0). Training rotates the offsets s: the background of
// a rotated copy is then exactly 0 rather than 0.01 up to rounding, and the sparse kernels
// see exactly the pixels that carry ink.
import type {LabelledImages} from "./mnist.js";
import {offsetImagesBuilder, pixelOffset, type OffsetImages} from "./offset-images.js";

/** The book's rotations, in the order each image's copies are trained after it. */
export const BOOK_ROTATIONS = [10, -10];

/** Per output pixel, the four input pixels it interpolates and their weights (-1: fill). */
export interface RotationPlan {
  side: number;
  degrees: number;
  sources: Int32Array;
  weights: Float64Array;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

export function rotationPlan(side: number, degrees: number): RotationPlan {
  if (!Number.isInteger(side) || side < 2) throw new RangeError(`image side must be an integer of at least 2, got ${side}`);
  if (!Number.isFinite(degrees)) throw new RangeError(`rotation angle must be a finite number of degrees, got ${degrees}`);
  const cos = Math.cos(toRadians(degrees));
  const sin = Math.sin(toRadians(degrees));
  const h = (side - 1) / 2;
  const sources = new Int32Array(side * side * 4).fill(-1);
  const weights = new Float64Array(side * side * 4);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const row = cos * (r - h) + sin * (c - h) + h;
      const col = -sin * (r - h) + cos * (c - h) + h;
      if (row < 0 || row > side - 1 || col < 0 || col > side - 1) continue; // fill
      // On the last row or column the far neighbour has weight 0: take the cell before it.
      const i = Math.min(Math.floor(row), side - 2);
      const j = Math.min(Math.floor(col), side - 2);
      const fy = row - i;
      const fx = col - j;
      const at = (r * side + c) * 4;
      sources.set([i * side + j, i * side + j + 1, (i + 1) * side + j, (i + 1) * side + j + 1], at);
      weights.set([(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx], at);
    }
  }
  return {side, degrees, sources, weights};
}

/** One side x side image rotated by the plan's angle; pixels sampled outside take `fill`. */
export function rotate(plan: RotationPlan, image: ArrayLike<number>, fill: number, out = new Float64Array(plan.side * plan.side)): Float64Array {
  const {sources, weights} = plan;
  for (let p = 0; p < out.length; p++) {
    const at = p * 4;
    if (sources[at] < 0) {
      out[p] = fill;
      continue;
    }
    out[p] = weights[at] * image[sources[at]] + weights[at + 1] * image[sources[at + 1]] +
      (weights[at + 2] * image[sources[at + 2]] + weights[at + 3] * image[sources[at + 3]]);
  }
  return out;
}

// Built once per image set and angle list, like the kernels' sparse forms: a worker that
// trains five seeds on the rotated set computes the rotations once.
const augmented = new WeakMap<Uint8Array, Map<string, OffsetImages>>();

/**
 * The training set the book trains on with rotations: each image, then its copies rotated
 * by each of `degrees` in order, as offsets s (see above). `count * (1 + degrees.length)` samples.
 */
export function withRotations(data: LabelledImages, degrees: number[] = BOOK_ROTATIONS): OffsetImages {
  const key = `${data.count}:${degrees.join(",")}`;
  const known = augmented.get(data.pixels)?.get(key);
  if (known) return known;
  const side = Math.sqrt(data.size);
  if (!Number.isInteger(side)) throw new RangeError(`images of ${data.size} pixels are not square; cannot rotate them`);
  const plans = degrees.map((angle) => rotationPlan(side, angle));
  const builder = offsetImagesBuilder(data.count * (1 + plans.length), data.size);
  const offsets = new Float64Array(data.size);
  const rotated = new Float64Array(data.size);
  for (let n = 0; n < data.count; n++) {
    for (let i = 0; i < data.size; i++) offsets[i] = pixelOffset(data.pixels[n * data.size + i]);
    builder.add(offsets, data.labels[n]);
    for (const plan of plans) builder.add(rotate(plan, offsets, 0, rotated), data.labels[n]);
  }
  const result = builder.done();
  if (!augmented.has(data.pixels)) augmented.set(data.pixels, new Map());
  augmented.get(data.pixels)!.set(key, result);
  return result;
}
