import {IdxError, parseImages, parseLabels} from "./idx.js";

/** A labelled set of 28x28 images: pixels[i * size ... (i + 1) * size] has label labels[i]. */
export interface LabelledImages {
  count: number;
  /** Pixels per image (784). */
  size: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Pairs an images file with its labels file; the two counts must agree. */
export function parseLabelledImages(
  images: {bytes: Uint8Array; file: string},
  labels: {bytes: Uint8Array; file: string}
): LabelledImages {
  const parsedImages = parseImages(images.bytes, images.file);
  const parsedLabels = parseLabels(labels.bytes, labels.file);
  if (parsedImages.count !== parsedLabels.length) {
    throw new IdxError(
      images.file,
      `holds ${parsedImages.count} images but ${labels.file} holds ${parsedLabels.length} labels`
    );
  }
  // A set of no images scores 0/0: every score would be NaN.
  if (parsedImages.count === 0) throw new IdxError(images.file, "holds no images");
  const size = parsedImages.rows * parsedImages.cols;
  return {count: parsedImages.count, size, pixels: parsedImages.pixels, labels: parsedLabels};
}

/** The first `limit` samples of a set (all of it when limit is undefined or larger). */
export function firstSamples(set: LabelledImages, limit?: number): LabelledImages {
  if (limit === undefined || limit >= set.count) return set; // the same object: caches keyed on it keep working
  const count = limit;
  return {
    count,
    size: set.size,
    pixels: set.pixels.subarray(0, count * set.size),
    labels: set.labels.subarray(0, count)
  };
}
