// The book's network: inputs -> hidden -> outputs, no biases, sigmoid on both layers,
// trained one sample at a time. Weights are row-major: wih[j * inputs + i] links input i
// to hidden node j (shape hidden x inputs); who[k * hidden + j] links hidden j to output k.
// This is the plain reference kernel: obviously correct, checked against the gradient.
import {seededNormal, seededUniform} from "./random.js";
import {targetFor} from "./scaling.js";

export type Init = "Normal" | "Rand";

export interface Network {
  inputs: number;
  hidden: number;
  outputs: number;
  wih: Float64Array;
  who: Float64Array;
}

export interface NetworkOptions {
  inputs?: number;
  hidden?: number;
  outputs?: number;
  /** "Normal": N(0, fan_in^-0.5) as in the book; "Rand": uniform(-0.5, 0.5). */
  init?: Init;
  seed: number;
}

export function createNetwork({
  inputs = 784,
  hidden = 100,
  outputs = 10,
  init = "Normal",
  seed
}: NetworkOptions): Network {
  const wih = new Float64Array(hidden * inputs);
  const who = new Float64Array(outputs * hidden);
  if (init === "Normal") {
    // biome-ignore-start lint/style/useExponentiationOperator: Math.pow as the book writes it; stored runs depend on these exact bits
    const random = seededNormal(seed, 0, 1);
    for (let n = 0; n < wih.length; n++) wih[n] = random() * Math.pow(inputs, -0.5);
    for (let n = 0; n < who.length; n++) who[n] = random() * Math.pow(hidden, -0.5);
    // biome-ignore-end lint/style/useExponentiationOperator: -
  } else if (init === "Rand") {
    const random = seededUniform(seed, -0.5, 0.5);
    for (let n = 0; n < wih.length; n++) wih[n] = random();
    for (let n = 0; n < who.length; n++) who[n] = random();
  } else {
    throw new RangeError(`init must be "Normal" or "Rand", got ${JSON.stringify(init)}`);
  }
  return {inputs, hidden, outputs, wih, who};
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const logit = (y: number) => Math.log(y / (1 - y));

/** y = f(w x) for a rows x cols matrix w. */
function layer(w: Float64Array, x: Float64Array, rows: number, cols: number, f: (z: number) => number): Float64Array {
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let z = 0;
    for (let c = 0; c < cols; c++) z += w[r * cols + c] * x[c];
    y[r] = f(z);
  }
  return y;
}

/** y = f(w^T x) for a rows x cols matrix w. */
function layerTransposed(
  w: Float64Array,
  x: Float64Array,
  rows: number,
  cols: number,
  f: (z: number) => number
): Float64Array {
  const y = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) y[c] += w[r * cols + c] * x[r];
  return y.map(f);
}

/** hidden = sig(wih x), output = sig(who hidden). */
export function query(net: Network, x: Float64Array): {hidden: Float64Array; output: Float64Array} {
  const hidden = layer(net.wih, x, net.hidden, net.inputs, sigmoid);
  const output = layer(net.who, hidden, net.outputs, net.hidden, sigmoid);
  return {hidden, output};
}

/**
 * One SGD step exactly as the book: who moves by -lr dE/dwho for E = 1/2 sum (t - o)^2;
 * the hidden errors are who^T (t - o), without the output sigmoid's derivative, so wih's
 * step is not the exact gradient of E (see test/network.test.ts). Reproduction first.
 */
export function train(net: Network, x: Float64Array, t: Float64Array, lr: number): void {
  const {hidden, output} = query(net, x);
  const outputErrors = output.map((o, k) => t[k] - o);
  const hiddenErrors = layerTransposed(net.who, outputErrors, net.outputs, net.hidden, (e) => e);
  const {inputs, outputs, wih, who} = net;
  // who += lr * (e_o * o * (1 - o)) hidden^T
  for (let k = 0; k < outputs; k++) {
    const d = lr * outputErrors[k] * output[k] * (1 - output[k]);
    for (let j = 0; j < net.hidden; j++) who[k * net.hidden + j] += d * hidden[j];
  }
  // wih += lr * (e_h * h * (1 - h)) x^T
  for (let j = 0; j < net.hidden; j++) {
    const d = lr * hiddenErrors[j] * hidden[j] * (1 - hidden[j]);
    for (let i = 0; i < inputs; i++) wih[j * inputs + i] += d * x[i];
  }
}

/** Shifts and scales v into [0.01, 0.99], so that logit is defined on it. */
function rescale(v: Float64Array): Float64Array {
  let min = Infinity;
  for (const value of v) min = Math.min(min, value);
  let max = -Infinity;
  for (const value of v) max = Math.max(max, value - min);
  return v.map((value) => ((value - min) / max) * 0.98 + 0.01);
}

/** Runs the network backwards from the target of `label`: the input image it "imagines". */
export function backQuery(net: Network, label: number): Float64Array {
  const output = targetFor(label, net.outputs);
  const hidden = rescale(layerTransposed(net.who, output.map(logit), net.outputs, net.hidden, (z) => z));
  return rescale(layerTransposed(net.wih, hidden.map(logit), net.hidden, net.inputs, (z) => z));
}
