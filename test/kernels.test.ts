import {describe, expect, it} from "vitest";
import {firstSamples} from "../lib/mnist.js";
import {createNetwork, type Network} from "../lib/network.js";
import {sparseTrainer} from "../lib/sparse-kernel.js";
import {simdTrainer} from "../lib/simd-kernel.js";
import {denseTrainer, type Trainer, trainEpoch} from "../lib/trainer.js";
import {createTrainer, KERNELS, type KernelName} from "../lib/kernels.js";
import {backQuery} from "../lib/network.js";
import {withRotations} from "../lib/rotation.js";
import {real, firstDifference} from "./fixtures.js";

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

// Tolerances. Float64 kernels only reorder sums (and the SIMD one computes exp itself, to
// ~1 ulp), so after 1,000 SGD steps weights agree with the reference to ~1e-13; 1e-9 leaves
// room. Float32 kernels round every weight to 24 bits (relative 6e-8) at every step; over
// 1,000 steps the drift stays below 1e-4 absolute on weights of size ~0.1.
const kernels: [string, (net: Network) => Trainer | Promise<Trainer>, number][] = [
  ["sparse", sparseTrainer, 1e-9],
  ["wasm-f64", (net) => simdTrainer(net, "f64"), 1e-9],
  ["wasm-f32", (net) => simdTrainer(net, "f32"), 1e-4]
];

describe("fast kernels match the reference kernel", () => {
  const dataset = real();
  const train = firstSamples(dataset.train, 1000);
  const test = firstSamples(dataset.test, 500);

  for (const hidden of [100, 10]) {
    const reference = denseTrainer(createNetwork({seed: 3, hidden}));
    trainEpoch(reference, train, 0.3);
    const expected = reference.network();
    const expectedOutputs = reference.evaluate(test).outputs;

    for (const [name, make, tolerance] of kernels) {
      it(`${name}, ${hidden} hidden: weights after 1,000 samples within ${tolerance}, and query outputs`, async () => {
        const trainer = await make(createNetwork({seed: 3, hidden}));
        const before = trainer.network();
        expect(maxDiff(before.wih, createNetwork({seed: 3, hidden}).wih)).toBeLessThan(tolerance / 10);
        trainEpoch(trainer, train, 0.3);
        const got = trainer.network();
        expect(maxDiff(got.wih, expected.wih)).toBeLessThan(tolerance);
        expect(maxDiff(got.who, expected.who)).toBeLessThan(tolerance);
        expect(maxDiff(got.wih, before.wih)).toBeGreaterThan(1e-3); // it did train
        const evaluation = trainer.evaluate(test);
        expect(maxDiff(evaluation.outputs, expectedOutputs)).toBeLessThan(Math.max(tolerance, 1e-6)); // outputs are float32
        for (const label of [0, 7])
          expect(maxDiff(backQuery(got, label), backQuery(expected, label))).toBeLessThan(tolerance * 100);
      });
    }
  }
});

describe("fast kernels match the reference kernel on rotated copies (real-valued offsets)", () => {
  // The book's rotation experiment: 300 images, each followed by its +10 and -10 degree copies.
  const train = withRotations(firstSamples(real().train, 300));
  const reference = denseTrainer(createNetwork({seed: 5, hidden: 20}));
  trainEpoch(reference, train, 0.1);
  const expected = reference.network();

  for (const [name, make, tolerance] of kernels) {
    it(`${name}: weights after ${train.count} samples within ${tolerance}`, async () => {
      const trainer = await make(createNetwork({seed: 5, hidden: 20}));
      trainer.prepare?.(train);
      trainEpoch(trainer, train, 0.1);
      const got = trainer.network();
      expect(maxDiff(got.wih, expected.wih)).toBeLessThan(tolerance);
      expect(maxDiff(got.who, expected.who)).toBeLessThan(tolerance);
      expect(maxDiff(got.wih, createNetwork({seed: 5, hidden: 20}).wih)).toBeGreaterThan(1e-3);
    });
  }

  it("offsets of unrotated images train bit for bit as their grey levels do (wasm-f32)", async () => {
    const images = firstSamples(real().train, 500);
    const asOffsets = withRotations(images, []);
    const fromBytes = await simdTrainer(createNetwork({seed: 2}), "f32");
    trainEpoch(fromBytes, images, 0.3);
    const fromOffsets = await simdTrainer(createNetwork({seed: 2}), "f32");
    trainEpoch(fromOffsets, asOffsets, 0.3);
    expect(firstDifference(fromOffsets.network().wih, fromBytes.network().wih)).toBe(-1);
    expect(firstDifference(fromOffsets.network().who, fromBytes.network().who)).toBe(-1);
  });
});

describe("every kernel trains an epoch in slices exactly as in one call", () => {
  const dataset = real();
  const train = firstSamples(dataset.train, 300);
  const test = firstSamples(dataset.test, 100);
  const slices = [120, 240, 300].map((end, i, ends) => {
    const start = i === 0 ? 0 : ends[i - 1];
    return {
      count: end - start,
      size: train.size,
      pixels: train.pixels.subarray(start * train.size, end * train.size),
      labels: train.labels.subarray(start, end)
    };
  });
  for (const kernel of Object.keys(KERNELS) as KernelName[]) {
    it(`${kernel}: 120 + 120 + 60 images, two epochs: the same weights and test outputs, byte for byte`, async () => {
      const whole = await createTrainer(createNetwork({seed: 6}), kernel);
      const sliced = await createTrainer(createNetwork({seed: 6}), kernel);
      for (let epoch = 0; epoch < 2; epoch++) {
        trainEpoch(whole, train, 0.2);
        for (const slice of slices) sliced.train(slice, 0.2);
        sliced.endEpoch();
      }
      const [a, b] = [whole.network(), sliced.network()];
      expect(firstDifference(b.wih, a.wih)).toBe(-1);
      expect(firstDifference(b.who, a.who)).toBe(-1);
      expect(sliced.evaluate(test).outputs).toEqual(whole.evaluate(test).outputs);
    });

    it(`${kernel}: reports progress every progressEvery samples and at the end`, async () => {
      const trainer = await createTrainer(createNetwork({seed: 6}), kernel);
      const done: number[] = [];
      trainer.train(train, 0.2, {progressEvery: 120, onProgress: (p) => done.push(p.done)});
      expect(done).toEqual([120, 240, 300]);
    });
  }
});

describe("the default kernel in a worker thread", () => {
  it("trains there exactly as on the main thread", async () => {
    const {Worker} = await import("node:worker_threads");
    const workerData = {
      entry: new URL("./kernel-worker.ts", import.meta.url).href,
      kernel: "wasm-f32",
      samples: 2000,
      seed: 9
    };
    const worker = new Worker(new URL("../data-loaders/ts-worker.mjs", import.meta.url), {workerData});
    const fromWorker = await new Promise<{wih: Float64Array; who: Float64Array}>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    const trainer = await simdTrainer(createNetwork({seed: 9}), "f32");
    trainEpoch(trainer, firstSamples(real().train, 2000), 0.3);
    const here = trainer.network();
    expect(firstDifference(fromWorker.wih, here.wih)).toBe(-1);
    expect(firstDifference(fromWorker.who, here.who)).toBe(-1);
  });
});

describe("the assembled kernel", () => {
  it("lib/simd-kernel-wasm.ts is what `npm run assemble` makes of the current kernel text", async () => {
    const {readFileSync} = await import("node:fs");
    const {generatedModule, generatedPath} = await import("../data-loaders/assemble-kernels.js");
    expect(readFileSync(generatedPath, "utf8")).toBe(await generatedModule());
  });
});
