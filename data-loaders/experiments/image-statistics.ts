// Statistics of images for Experiment 5's back queries: what sets each digit apart, how often
// each pixel is inked, and how alike images are (Pearson correlation).
import type {LabelledImages} from "../../lib/mnist.js";

/**
 * What sets each digit apart: its mean training image minus the mean of the ten digits' mean
 * images, in grey levels (positive where the digit has more ink than digits in general).
 */
export function digitShapes(train: LabelledImages): Float64Array[] {
  const means = Array.from({length: 10}, () => new Float64Array(train.size));
  const counts = new Array<number>(10).fill(0);
  for (let n = 0; n < train.count; n++) {
    const mean = means[train.labels[n]];
    counts[train.labels[n]]++;
    for (let i = 0, offset = n * train.size; i < train.size; i++) mean[i] += train.pixels[offset + i];
  }
  counts.forEach((count, d) => {
    if (count === 0) throw new RangeError(`no training image of digit ${d}: cannot form its mean image`);
  });
  means.forEach((mean, d) => {
    for (let i = 0; i < mean.length; i++) mean[i] /= counts[d];
  });
  const overall = new Float64Array(train.size).map((_, i) => means.reduce((sum, mean) => sum + mean[i], 0) / 10);
  return means.map((mean) => mean.map((v, i) => v - overall[i]));
}

/** Pearson correlation of two equally long vectors. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Fraction of the images that ink each pixel at all (grey level above 0). */
export function inkFrequency(images: LabelledImages): Float64Array {
  const counts = new Float64Array(images.size);
  for (let n = 0; n < images.count; n++) {
    for (let i = 0, offset = n * images.size; i < images.size; i++) if (images.pixels[offset + i] > 0) counts[i]++;
  }
  return counts.map((c) => c / images.count);
}

/** Mean Pearson correlation over all pairs of `images`, on the pixels in `pixels` only. */
export function meanPairwiseCorrelation(images: ArrayLike<number>[], pixels: number[]): number {
  const picked = images.map((image) => pixels.map((i) => image[i]));
  let sum = 0,
    pairs = 0;
  for (let a = 0; a < picked.length; a++) {
    for (let b = a + 1; b < picked.length; b++) {
      sum += correlation(picked[a], picked[b]);
      pairs++;
    }
  }
  return pairs ? sum / pairs : NaN;
}
