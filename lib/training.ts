// The training loop: per-sample SGD in file order (no shuffling), then a scoring pass.
import type {LabelledImages} from "./mnist.js";
import {query, train, type Network} from "./network.js";
import {isOffsetImages, offsetInput, type TrainingImages} from "./offset-images.js";
import {scaleInput, targetFor} from "./scaling.js";

export interface Progress {
  /** Samples done in this pass. */
  done: number;
  total: number;
}

export interface PassOptions {
  /** Called every `progressEvery` samples and once at the end. */
  onProgress?: (progress: Progress) => void;
  progressEvery?: number;
}

/** How often a pass reports progress unless PassOptions say otherwise. */
export const PROGRESS_EVERY = 1000;

/** A reporter for a pass over `total` samples: calls onProgress every `progressEvery` samples and at the end. */
export function progressReporter({onProgress, progressEvery = PROGRESS_EVERY}: PassOptions, total: number) {
  return (done: number) => {
    if (onProgress && (done % progressEvery === 0 || done === total)) onProgress({done, total});
  };
}

/** Trains on `data` in order, one sample at a time (an epoch, or a slice of one). */
export function trainEpoch(net: Network, data: TrainingImages, lr: number, options: PassOptions = {}): void {
  const report = progressReporter(options, data.count);
  const x = new Float64Array(data.size);
  const t = new Float64Array(net.outputs);
  for (let n = 0; n < data.count; n++) {
    if (isOffsetImages(data)) offsetInput(data, n, x);
    else scaleInput(data.pixels, n * data.size, data.size, x);
    targetFor(data.labels[n], net.outputs, t);
    train(net, x, t, lr);
    report(n + 1);
  }
}

export interface Evaluation {
  /** The network's answer (argmax output) for each sample. */
  predictions: Uint8Array;
  /** Output activations, `outputs` per sample. */
  outputs: Float32Array;
  /** Fraction of samples whose answer equals the label. */
  score: number;
}

/** Queries every sample and scores the answers against the labels. */
export function evaluate(net: Network, data: LabelledImages): Evaluation {
  const x = new Float64Array(data.size);
  return evaluation(data, net.outputs, (n) => query(net, scaleInput(data.pixels, n * data.size, data.size, x)).output);
}

/**
 * Every kernel's scoring: sample n's `outputs` values as `outputsOf(n)` computed them (in the
 * kernel's precision, read before the next call), its answer their argmax, scored against the labels.
 */
export function evaluation(
  data: LabelledImages,
  outputs: number,
  outputsOf: (n: number) => ArrayLike<number>
): Evaluation {
  const predictions = new Uint8Array(data.count);
  const all = new Float32Array(data.count * outputs);
  let correct = 0;
  for (let n = 0; n < data.count; n++) {
    const output = outputsOf(n);
    all.set(output, n * outputs);
    predictions[n] = argmax(output);
    if (predictions[n] === data.labels[n]) correct++;
  }
  return {predictions, outputs: all, score: data.count === 0 ? NaN : correct / data.count};
}

/** Index of the largest value (the first one on ties, as numpy.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
