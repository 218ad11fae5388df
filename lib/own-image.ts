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

/**
 * The book's way: the whole image scaled to 28x28 (area averaging, aspect ratio kept, centred
 * on paper), its ink as grey levels 0-255 (so the network's input is ink/255*0.99+0.01, the
 * book's inverted scaling). A 28x28 image is taken pixel for pixel. Returns 784 grey levels.
 */
export function bookDigit({ink, width, height}: InkImage): Uint8Array {
  const scale = SIDE / Math.max(width, height);
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const small = areaAverage(ink, width, {left: 0, top: 0, width, height}, outWidth, outHeight);
  const digit = new Uint8Array(SIDE * SIDE);
  const left = Math.floor((SIDE - outWidth) / 2);
  const top = Math.floor((SIDE - outHeight) / 2);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) digit[(top + y) * SIDE + left + x] = Math.round(255 * small[y * outWidth + x]);
  }
  return digit;
}

/**
 * Below this fraction of the way from paper to the darkest ink, a pixel counts as paper when
 * centring: a photo's paper is never one flat grey, and its texture would otherwise stretch the
 * ink's bounding box to the whole image.
 */
export const PAPER_FLOOR = 0.2;

/**
 * The drawing pad's way: the ink stretched from the paper's level (the border's median) to the
 * darkest ink, faint marks below PAPER_FLOOR dropped, then prepared as MNIST's digits were
 * (digitFromDrawing: bounding box fitted to 20x20, centred by mass). Returns 784 grey levels;
 * all zeros when the image holds no ink.
 */
export function centredDigit({ink, width, height}: InkImage): Uint8Array {
  const border = borderIndices(width, height)
    .map((i) => ink[i])
    .sort((a, b) => a - b);
  const paper = border[Math.floor(border.length / 2)];
  let darkest = 0;
  for (const value of ink) darkest = Math.max(darkest, value);
  const range = darkest - paper;
  const stretched = new Float32Array(ink.length);
  if (range > 0) {
    for (let i = 0; i < ink.length; i++) {
      const value = (ink[i] - paper) / range;
      stretched[i] = value < PAPER_FLOOR ? 0 : Math.min(1, value);
    }
  }
  return digitFromDrawing(stretched, width, height);
}
