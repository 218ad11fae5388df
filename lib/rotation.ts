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
import {pixelOffset, type OffsetImages} from "./offset-images.js";

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
  if (!Number.isInteger(side) || side < 2)
    throw new RangeError(`image side must be an integer of at least 2, got ${side}`);
  if (!Number.isFinite(degrees))
    throw new RangeError(`rotation angle must be a finite number of degrees, got ${degrees}`);
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
export function rotate(
  plan: RotationPlan,
  image: Float64Array,
  fill: number,
  out = new Float64Array(plan.side * plan.side)
): Float64Array {
  const {sources, weights} = plan;
  for (let p = 0; p < out.length; p++) {
    const at = p * 4;
    if (sources[at] < 0) {
      out[p] = fill;
      continue;
    }
    out[p] =
      weights[at] * image[sources[at]] +
      weights[at + 1] * image[sources[at + 1]] +
      (weights[at + 2] * image[sources[at + 2]] + weights[at + 3] * image[sources[at + 3]]);
  }
  return out;
}

/** How many pixels of the plan's rotation of `image` are nonzero (image >= 0, so no sums cancel). */
function inkedAfter(plan: RotationPlan, image: Float64Array): number {
  const {sources, weights} = plan;
  let inked = 0;
  for (let at = 0; at < sources.length; at += 4) {
    if (sources[at] < 0) continue;
    for (let k = at; k < at + 4; k++) {
      if (weights[k] > 0 && image[sources[k]] !== 0) {
        inked++;
        break;
      }
    }
  }
  return inked;
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
  const {size} = data;
  const side = Math.sqrt(size);
  if (!Number.isInteger(side)) throw new RangeError(`images of ${size} pixels are not square; cannot rotate them`);
  const plans = degrees.map((angle) => rotationPlan(side, angle));
  const copies = 1 + plans.length;
  const count = data.count * copies;
  const offsets = new Float64Array(size);
  const load = (n: number) => {
    for (let i = 0; i < size; i++) offsets[i] = pixelOffset(data.pixels[n * size + i]);
  };
  // Two passes: count each sample's nonzero offsets, then fill arrays made at their final
  // size. Growing arrays as they fill (330 MB for MNIST) cost more than the rotations.
  const start = new Uint32Array(count + 1);
  for (let n = 0; n < data.count; n++) {
    load(n);
    let m = start[n * copies];
    for (let i = 0; i < size; i++) if (offsets[i] !== 0) m++;
    start[n * copies + 1] = m;
    plans.forEach((plan, r) => {
      start[n * copies + r + 2] = start[n * copies + r + 1] + inkedAfter(plan, offsets);
    });
  }
  const images: OffsetImages = {
    kind: "offsets",
    count,
    size,
    labels: new Uint8Array(count),
    start,
    index: new Uint16Array(start[count]),
    value: new Float64Array(start[count])
  };
  const rotated = new Float64Array(size);
  const put = (sample: number, values: Float64Array, label: number) => {
    let m = start[sample];
    for (let i = 0; i < size; i++) {
      if (values[i] === 0) continue;
      images.index[m] = i;
      images.value[m++] = values[i];
    }
    if (m !== start[sample + 1])
      throw new Error(
        `sample ${sample}: counted ${start[sample + 1] - start[sample]} nonzero offsets, found ${m - start[sample]}`
      );
    images.labels[sample] = label;
  };
  for (let n = 0; n < data.count; n++) {
    load(n);
    put(n * copies, offsets, data.labels[n]);
    plans.forEach((plan, r) => {
      put(n * copies + 1 + r, rotate(plan, offsets, 0, rotated), data.labels[n]);
    });
  }
  if (!augmented.has(data.pixels)) augmented.set(data.pixels, new Map());
  augmented.get(data.pixels)!.set(key, images);
  return images;
}
