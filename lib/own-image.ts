// A reader's own image of a digit (a photo, a scan, a drawing saved from any program) made
// into what the network reads, two ways. The book's part 3 ("your own handwriting") reads a
// 28x28 PNG as grey levels, inverts them (its images are dark ink on white paper) and scales
// them: x = (255 - grey) / 255 * 0.99 + 0.01. The drawing pad prepares its ink as MNIST did
// (lib/digit-preprocessing.ts): the ink's bounding box fitted to 20x20, centred by mass.
// Images of any size, colour or grey, dark ink on light paper or the reverse, with or without
// transparency, are first read as ink (0 paper .. 1 full ink) per pixel.
import {areaAverage, digitFromDrawing, SIDE} from "./digit-preprocessing.js";

/** How the pixels were read as ink. */
export type InkSource = "dark ink on light paper" | "light ink on dark paper" | "ink on a transparent background";

export interface InkImage {
  width: number;
  height: number;
  /** width x height values, 0 (paper) to 1 (full ink), row after row. */
  ink: Float32Array;
  source: InkSource;
}

/**
 * Reads RGBA pixels (a canvas's ImageData: width x height x 4 bytes) as ink. Grey is the
 * ITU-R 601 luma the book's image reader gives (0.299 R + 0.587 G + 0.114 B), over white where
 * a pixel is partly transparent. What is paper is told from the image's border: mostly
 * transparent → the opacity is the ink; light → dark ink (ink = 1 - grey/255); dark → light ink
 * (ink = grey/255). Throws a RangeError when the sizes disagree.
 */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): InkImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`image size must be whole positive pixels, got ${width} x ${height}`);
  if (rgba.length !== 4 * width * height)
    throw new RangeError(`image holds ${rgba.length} bytes, expected 4 x ${width} x ${height}`);
  const count = width * height;
  const grey = new Float32Array(count);
  const alpha = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const a = rgba[4 * i + 3] / 255;
    const luma = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
    grey[i] = (luma * a + 255 * (1 - a)) / 255;
    alpha[i] = a;
  }
  const border = borderIndices(width, height);
  const mean = (values: Float32Array) => border.reduce((sum, i) => sum + values[i], 0) / border.length;
  const ink = new Float32Array(count);
  let source: InkSource;
  if (mean(alpha) < 0.5) {
    source = "ink on a transparent background";
    ink.set(alpha);
  } else if (mean(grey) >= 0.5) {
    source = "dark ink on light paper";
    for (let i = 0; i < count; i++) ink[i] = 1 - grey[i];
  } else {
    source = "light ink on dark paper";
    ink.set(grey);
  }
  return {width, height, ink, source};
}

/** The indices of an image's outermost pixels (each once). */
function borderIndices(width: number, height: number): number[] {
  const indices = new Set<number>();
  for (let x = 0; x < width; x++) indices.add(x).add((height - 1) * width + x);
  for (let y = 0; y < height; y++) indices.add(y * width).add(y * width + width - 1);
  return [...indices];
}

/** The median of the ink of an image's outermost pixels: the level of its paper at the edges. */
function borderPaper({ink, width, height}: InkImage): number {
  const values = borderIndices(width, height)
    .map((i) => ink[i])
    .sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/**
 * The book's way: the whole image scaled to 28x28 (area averaging, aspect ratio kept, centred,
 * the rest filled with the paper's level at the image's edge), its ink as grey levels 0-255
 * (so the network's input is ink/255*0.99+0.01: for dark ink on light paper, the book's
 * (255 - grey)/255*0.99+0.01). A 28x28 image is taken pixel for pixel. Returns 784 grey levels.
 */
export function bookDigit(image: InkImage): Uint8Array {
  const {ink, width, height} = image;
  const scale = SIDE / Math.max(width, height);
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const small = areaAverage(ink, width, {left: 0, top: 0, width, height}, outWidth, outHeight);
  const digit = new Uint8Array(SIDE * SIDE).fill(Math.round(255 * borderPaper(image)));
  const left = Math.floor((SIDE - outWidth) / 2);
  const top = Math.floor((SIDE - outHeight) / 2);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) digit[(top + y) * SIDE + left + x] = Math.round(255 * small[y * outWidth + x]);
  }
  return digit;
}

/**
 * Below this fraction of the darkest ink above the paper, a pixel counts as paper when
 * centring: a photo's paper is never one flat grey, and its texture would otherwise stretch the
 * ink's bounding box to the whole image.
 */
export const PAPER_FLOOR = 0.2;

/** Cells per side of the grid the paper's level is measured on (see paperLevels). */
const PAPER_GRID = 4;

/**
 * The paper's level under each pixel, for photos lit unevenly (a shadow across the page): in
 * each cell of a 4x4 grid, the ink level a quarter of its pixels are at or below (a stroke
 * covers far less than three quarters of a cell, so this is paper), interpolated bilinearly
 * between the cells' centres.
 */
export function paperLevels({ink, width, height}: InkImage): Float32Array {
  const columns = Math.min(PAPER_GRID, width);
  const rows = Math.min(PAPER_GRID, height);
  const cells = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const [x0, x1] = [Math.floor((column * width) / columns), Math.floor(((column + 1) * width) / columns)];
      const [y0, y1] = [Math.floor((row * height) / rows), Math.floor(((row + 1) * height) / rows)];
      const values = new Float32Array((x1 - x0) * (y1 - y0));
      for (let y = y0; y < y1; y++) values.set(ink.subarray(y * width + x0, y * width + x1), (y - y0) * (x1 - x0));
      values.sort();
      cells[row * columns + column] = values[Math.floor(values.length / 4)];
    }
  }
  /** A pixel's place between cell centres along one axis: the two cells and the weight of the second. */
  const place = (pixel: number, size: number, count: number): [number, number, number] => {
    const u = Math.min(count - 1, Math.max(0, ((pixel + 0.5) * count) / size - 0.5));
    const first = Math.floor(u);
    return [first, Math.min(first + 1, count - 1), u - first];
  };
  const levels = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const [r0, r1, ty] = place(y, height, rows);
    for (let x = 0; x < width; x++) {
      const [c0, c1, tx] = place(x, width, columns);
      const top = cells[r0 * columns + c0] * (1 - tx) + cells[r0 * columns + c1] * tx;
      const bottom = cells[r1 * columns + c0] * (1 - tx) + cells[r1 * columns + c1] * tx;
      levels[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return levels;
}

/**
 * The drawing pad's way: each pixel's ink measured against the paper's level under it
 * (paperLevels; 1 - grey / paper's grey for dark ink), stretched so the darkest is full ink,
 * faint marks below PAPER_FLOOR dropped, then prepared as MNIST's digits were
 * (digitFromDrawing: bounding box fitted to 20x20, centred by mass).
 * Returns 784 grey levels; all zeros when the image holds no ink.
 */
export function centredDigit(image: InkImage): Uint8Array {
  const {ink, width, height} = image;
  const paper = paperLevels(image);
  const above = new Float32Array(ink.length);
  let darkest = 0;
  for (let i = 0; i < ink.length; i++) {
    // A shadow dims paper and ink alike (light times reflectance): ink measured against the
    // paper's own brightness there, not subtracted from it, keeps a shaded stroke as dark.
    above[i] = paper[i] < 1 ? Math.max(0, (ink[i] - paper[i]) / (1 - paper[i])) : 0;
    darkest = Math.max(darkest, above[i]);
  }
  if (darkest > 0) {
    for (let i = 0; i < above.length; i++) {
      const value = above[i] / darkest;
      above[i] = value < PAPER_FLOOR ? 0 : value;
    }
  }
  return digitFromDrawing(above, width, height);
}
