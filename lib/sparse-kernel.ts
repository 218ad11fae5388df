// The sparse-input trick in plain TypeScript (Float64). An input is x = 0.01 + s, where s
// (pixel / 255 * 0.99) is zero on ~80% of pixels. Keep wih = W' + c 1^T and R = W' 1 (the row
// sums of W'); then
//   wih x = 0.01 R + W' s + c sum(x)
// and the update wih += d x^T becomes
//   c += 0.01 d,   R += d sum(s),   W'[:, i] += d s_i only where s_i != 0.
// W' is stored input-major (wT[i * hidden + j]), so each nonzero pixel touches one
// contiguous row. Same mathematics as lib/network.ts, about a fifth of the arithmetic.
import type {LabelledImages} from "./mnist.js";
import {sigmoid, type Network} from "./network.js";
import {
  isOffsetImages,
  type OffsetImages,
  pixelOffset,
  type SparseImages,
  sparseForm,
  type TrainingImages
} from "./offset-images.js";
import type {Trainer} from "./trainer.js";
import {evaluation, type Evaluation, type PassOptions, progressReporter} from "./training.js";

/** W' (input-major, rows of `stride` numbers), c and R of a sparse kernel, in its precision. */
export interface SparseLayout {
  wT: Float64Array | Float32Array;
  c: Float64Array | Float32Array;
  R: Float64Array | Float32Array;
  inputs: number;
  hidden: number;
  stride: number;
}

/** W' = wih (transposed), c = 0, R = row sums. */
export function setSparseWeights(layout: SparseLayout, wih: Float64Array): void {
  const {wT, inputs, hidden, stride} = layout;
  for (let j = 0; j < hidden; j++) for (let i = 0; i < inputs; i++) wT[i * stride + j] = wih[j * inputs + i];
  fold(layout);
}

/**
 * Moves c into W' and recomputes R (summing in Float64), at the start and after each epoch.
 * The state between epochs is then wih itself, so a run resumed from stored weights
 * continues exactly as one that never stopped.
 */
export function fold({wT, c, R, inputs, hidden, stride}: SparseLayout): void {
  for (let j = 0; j < hidden; j++) {
    let sum = 0;
    for (let i = 0; i < inputs; i++) {
      wT[i * stride + j] += c[j];
      sum += wT[i * stride + j]; // the stored (possibly float32) value, as a fresh start would read it
    }
    R[j] = sum;
    c[j] = 0;
  }
}

export function sparseTrainer(net: Network): Trainer {
  const {inputs, hidden, outputs} = net;
  const wT = new Float64Array(inputs * hidden); // W', input-major
  const c = new Float64Array(hidden);
  const R = new Float64Array(hidden);
  const who = net.who.slice();
  const layout = {wT, c, R, inputs, hidden, stride: hidden};
  setSparseWeights(layout, net.wih);

  const nz = new Int32Array(inputs); // indices of nonzero pixels of the current sample
  const s = new Float64Array(inputs); // their values s_i
  const h = new Float64Array(hidden);
  const o = new Float64Array(outputs);
  const e = new Float64Array(outputs);
  const dh = new Float64Array(hidden);

  /** Loads sample n of a set in sparse form as (nz, s); returns [count, sum(s)]. */
  function load({start, index, value}: OffsetImages | SparseImages, real: boolean, n: number): [number, number] {
    let count = 0;
    let sumS = 0;
    for (let m = start[n]; m < start[n + 1]; m++) {
      const offset = real ? value[m] : pixelOffset(value[m]);
      nz[count] = index[m];
      s[count++] = offset;
      sumS += offset;
    }
    return [count, sumS];
  }

  /** h = sig(wih x), o = sig(who h). */
  function forward(count: number, sumS: number): void {
    const sumX = 0.01 * inputs + sumS;
    for (let j = 0; j < hidden; j++) h[j] = 0.01 * R[j] + c[j] * sumX;
    for (let n = 0; n < count; n++) {
      const row = nz[n] * hidden;
      const value = s[n];
      for (let j = 0; j < hidden; j++) h[j] += value * wT[row + j];
    }
    for (let j = 0; j < hidden; j++) h[j] = sigmoid(h[j]);
    for (let k = 0; k < outputs; k++) {
      let z = 0;
      for (let j = 0; j < hidden; j++) z += who[k * hidden + j] * h[j];
      o[k] = sigmoid(z);
    }
  }

  // Training continues where the last call stopped; c is folded into W' only at endEpoch.
  function train(data: TrainingImages, lr: number, options: PassOptions = {}): void {
    const report = progressReporter(options, data.count);
    const sparse = sparseForm(data);
    const real = isOffsetImages(data);
    for (let n = 0; n < data.count; n++) {
      const [count, sumS] = load(sparse, real, n);
      forward(count, sumS);
      const label = data.labels[n];
      for (let k = 0; k < outputs; k++) e[k] = (k === label ? 0.99 : 0.01) - o[k];
      // hidden errors who^T e (before who changes), then dh = lr e_h h (1 - h)
      for (let j = 0; j < hidden; j++) {
        let eh = 0;
        for (let k = 0; k < outputs; k++) eh += who[k * hidden + j] * e[k];
        dh[j] = lr * eh * h[j] * (1 - h[j]);
      }
      for (let k = 0; k < outputs; k++) {
        const d = lr * e[k] * o[k] * (1 - o[k]);
        for (let j = 0; j < hidden; j++) who[k * hidden + j] += d * h[j];
      }
      for (let j = 0; j < hidden; j++) {
        c[j] += 0.01 * dh[j];
        R[j] += dh[j] * sumS;
      }
      for (let m = 0; m < count; m++) {
        const row = nz[m] * hidden;
        const value = s[m];
        for (let j = 0; j < hidden; j++) wT[row + j] += dh[j] * value;
      }
      report(n + 1);
    }
  }

  function evaluate(data: LabelledImages): Evaluation {
    const sparse = sparseForm(data);
    return evaluation(data, outputs, (n) => {
      forward(...load(sparse, false, n));
      return o;
    });
  }

  function network(): Network {
    const wih = new Float64Array(hidden * inputs);
    for (let j = 0; j < hidden; j++) for (let i = 0; i < inputs; i++) wih[j * inputs + i] = wT[i * hidden + j] + c[j];
    return {inputs, hidden, outputs, wih, who: who.slice()};
  }

  return {
    kernel: "sparse",
    prepare: (data) => void sparseForm(data),
    train,
    endEpoch: () => fold(layout),
    evaluate,
    network
  };
}
