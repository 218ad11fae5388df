// The WebAssembly SIMD kernel (see simd-kernel-wat.ts): lays a network out in wasm memory,
// trains and queries in chunks of images copied into it, reads the weights back.
import type {LabelledImages} from "./mnist.js";
import type {Network} from "./network.js";
import {isOffsetImages, pixelOffset, sparseForm, type TrainingImages} from "./offset-images.js";
import {SIMD_KERNEL_F32, SIMD_KERNEL_F64} from "./simd-kernel-wasm.js";
import type {Precision} from "./simd-kernel-wat.js";
import {fold, setSparseWeights} from "./sparse-kernel.js";
import type {Trainer} from "./trainer.js";
import {evaluation, type Evaluation, type PassOptions, PROGRESS_EVERY, progressReporter} from "./training.js";

interface Exports {
  memory: WebAssembly.Memory;
  configure(...args: number[]): void;
  train(labels: number, n: number, lr: number): void;
  query(n: number, out: number): void;
  valueFormat(offsets: number): void;
}

/** Images per call into wasm: small enough to keep memory small, large enough to amortise. */
const CHUNK = 1000;

const modules = new Map<Precision, Promise<WebAssembly.Module>>();

function compile(precision: Precision): Promise<WebAssembly.Module> {
  let module = modules.get(precision);
  if (!module) {
    const bytes = Uint8Array.from(atob(precision === "f64" ? SIMD_KERNEL_F64 : SIMD_KERNEL_F32), (c) =>
      c.charCodeAt(0)
    );
    module = WebAssembly.compile(bytes);
    modules.set(precision, module);
  }
  return module;
}

export async function simdTrainer(net: Network, precision: Precision): Promise<Trainer> {
  const {inputs, hidden, outputs} = net;
  const B = precision === "f64" ? 8 : 4;
  const Hp = Math.ceil(hidden / 8) * 8; // rows of whole 32-byte steps (simd-kernel-wat.ts)
  const instance = await WebAssembly.instantiate(await compile(precision), {env: {exp: Math.exp}});
  const wasm = instance.exports as unknown as Exports;

  // Layout: every block starts on a 16-byte boundary for v128 loads.
  let top = 16;
  const block = (bytes: number) => {
    const start = top;
    top += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const at = {
    wT: block(inputs * Hp * B),
    c: block(Hp * B),
    R: block(Hp * B),
    who: block(outputs * Hp * B),
    h: block(Hp * B),
    dh: block(Hp * B),
    o: block(outputs * B),
    e: block(outputs * B),
    nz: block((inputs + 3) * 4),
    s: block((inputs + 3) * B),
    spare: block(Hp * B),
    table: block(256 * 8),
    idx: block(CHUNK * inputs * 2),
    val: block(CHUNK * inputs * 8), // grey levels (1 byte each) or f64 offsets
    off: block((CHUNK + 1) * 4),
    labels: block(CHUNK),
    out: block(CHUNK * outputs * 4)
  };
  const pages = Math.ceil(top / 65536) - wasm.memory.buffer.byteLength / 65536;
  if (pages > 0) wasm.memory.grow(pages);
  wasm.configure(
    hidden,
    Hp,
    inputs,
    outputs,
    at.wT,
    at.c,
    at.R,
    at.who,
    at.h,
    at.dh,
    at.o,
    at.e,
    at.nz,
    at.s,
    at.spare,
    at.table,
    at.idx,
    at.val,
    at.off
  );
  const table = new Float64Array(wasm.memory.buffer, at.table, 256);
  for (let p = 0; p < 256; p++) table[p] = pixelOffset(p);

  const Float = precision === "f64" ? Float64Array : Float32Array;
  const view = (offset: number, length: number) => new Float(wasm.memory.buffer, offset, length);
  const wT = view(at.wT, inputs * Hp);
  const who = view(at.who, outputs * Hp);
  const c = view(at.c, Hp);
  const R = view(at.R, Hp);
  const layout = {wT, c, R, inputs, hidden, stride: Hp};
  setSparseWeights(layout, net.wih);
  for (let k = 0; k < outputs; k++) for (let j = 0; j < hidden; j++) who[k * Hp + j] = net.who[k * hidden + j];
  const bytes = new Uint8Array(wasm.memory.buffer);

  /**
   * Copies each chunk of images into wasm memory in sparse form, then calls `each`. Chunks hold at
   * most CHUNK images and end on every multiple of `boundary` (where progress is reported).
   */
  function chunks(data: TrainingImages, each: (start: number, n: number) => void, boundary = CHUNK): void {
    if (data.size !== inputs) throw new RangeError(`images have ${data.size} pixels, the network ${inputs} inputs`);
    const real = isOffsetImages(data);
    const sparse = sparseForm(data);
    wasm.valueFormat(real ? 1 : 0);
    const offsets = new Uint32Array(wasm.memory.buffer, at.off, CHUNK + 1);
    for (let start = 0; start < data.count; ) {
      const n = Math.min(CHUNK, boundary - (start % boundary), data.count - start);
      const from = sparse.start[start];
      const to = sparse.start[start + n];
      for (let m = 0; m <= n; m++) offsets[m] = sparse.start[start + m] - from;
      new Uint16Array(wasm.memory.buffer, at.idx, to - from).set(sparse.index.subarray(from, to));
      if (real) new Float64Array(wasm.memory.buffer, at.val, to - from).set(data.value.subarray(from, to));
      else bytes.set(sparse.value.subarray(from, to), at.val);
      bytes.set(data.labels.subarray(start, start + n), at.labels);
      each(start, n);
      start += n;
    }
  }

  // Training continues where the last call stopped: a chunk boundary changes nothing.
  function train(data: TrainingImages, lr: number, options: PassOptions = {}): void {
    const report = progressReporter(options, data.count);
    chunks(
      data,
      (start, n) => {
        wasm.train(at.labels, n, lr);
        report(start + n);
      },
      Math.max(1, options.progressEvery ?? PROGRESS_EVERY)
    );
  }

  function evaluate(data: LabelledImages): Evaluation {
    const all = new Float32Array(data.count * outputs);
    chunks(data, (start, n) => {
      wasm.query(n, at.out);
      all.set(new Float32Array(wasm.memory.buffer, at.out, n * outputs), start * outputs);
    });
    return evaluation(data, outputs, (n) => all.subarray(n * outputs, (n + 1) * outputs));
  }

  function network(): Network {
    const wih = new Float64Array(hidden * inputs);
    for (let j = 0; j < hidden; j++) for (let i = 0; i < inputs; i++) wih[j * inputs + i] = wT[i * Hp + j] + c[j];
    const whoOut = new Float64Array(outputs * hidden);
    for (let k = 0; k < outputs; k++) for (let j = 0; j < hidden; j++) whoOut[k * hidden + j] = who[k * Hp + j];
    return {inputs, hidden, outputs, wih, who: whoOut};
  }

  return {
    kernel: `wasm-${precision}`,
    prepare: (data) => void sparseForm(data),
    train,
    endEpoch: () => fold(layout),
    evaluate,
    network
  };
}
