// The pages' Web Worker: trains a network with the lib/ engine (the same code the build trains
// with) off the page's main thread, reporting progress and the score on the test images as it
// goes. The playground scores as it trains; the try panel scores after each epoch, as the build
// does. Bundled into data/playground-worker.js by its loader.
import {createTrainer, type KernelName} from "../lib/kernels.js";
import {firstSamples, type LabelledImages} from "../lib/mnist.js";
import {createNetwork, type Init} from "../lib/network.js";
import {isOffsetImages, type TrainingImages} from "../lib/offset-images.js";
import {withRotations} from "../lib/rotation.js";
import {weightsHash} from "../lib/weights-hash.js";
import {FALLBACK_KERNEL} from "../components/fallback-kernel.js";

export interface TrainRequest {
  type: "start";
  lr: number;
  hidden: number;
  init: Init;
  epochs: number;
  seed: number;
  kernel: KernelName;
  /** The images to train and score on; left out, the last ones sent are used again. */
  train?: LabelledImages;
  test?: LabelledImages;
  /** Train on the first `images` training images only (default: all). */
  images?: number;
  /** "often" (the default): score every slice of work, for a live curve. "epoch": score after each epoch only, as the build does. */
  score?: "often" | "epoch";
  /** Also train on each image rotated by these angles (degrees), right after it, as the build's rotation runs do (lib/rotation.ts). */
  rotations?: number[];
  /** With score "epoch": also score the first this many training images after each epoch (the build's training accuracy). */
  trainAccuracySamples?: number;
}

export type TrainReport =
  | {
      type: "progress";
      epoch: number;
      epochs: number;
      seen: number;
      total: number;
      samplesPerSecond: number;
      score: number;
      seconds: number;
    }
  | {type: "epoch"; epoch: number; score: number; trainingSeconds: number; trainAccuracy?: number}
  | {
      type: "done";
      stopped: boolean;
      seen: number;
      score: number;
      seconds: number;
      samplesPerSecond: number;
      /** SHA-256 of the final weights (lib/weights-hash.ts), to compare with the build's. */
      weights: string;
    }
  | {type: "error"; message: string}
  /** The kernel asked for (`wanted`) could not run here (no WebAssembly SIMD): training goes on with `kernel`. */
  | {type: "kernel"; kernel: KernelName; wanted: KernelName};

/** Samples per training call; the worker checks for "stop" between calls. */
const CHUNK = 250;
/** Milliseconds of work between progress reports: short for a live curve, longer when scoring by epoch. */
const SLICE = {often: 40, epoch: 250};
/**
 * Milliseconds of work between yields that let a "stop" in: short, so Stop ends a run within a
 * small part of even the fastest epoch (about 0.25 s at 100 hidden nodes on full MNIST). Most
 * yields are a MessageChannel round trip (about 0.02 ms; in Chromium and Firefox a message from
 * the page is handled at it); every `timer` ms one is a setTimeout(0), which lets every kind of
 * task in whatever the engine's order (Node's ports run their own messages first), but costs
 * 4 ms once chained (HTML's timer nesting clamp).
 */
const LISTEN = {message: 20, timer: 100};
/** Score points per run at least (the fast kernel finishes 50 chunks well within one slice). */
const POINTS = 50;

let stopRequested = false;
let data: {train: LabelledImages; test: LabelledImages} | undefined;
const post = (report: TrainReport) => postMessage(report);
const channel = typeof MessageChannel === "function" ? new MessageChannel() : undefined;
const woken: (() => void)[] = []; // one per message in flight, in order
if (channel) channel.port1.onmessage = () => woken.shift()?.();
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const nextMessage = (): Promise<void> =>
  channel
    ? new Promise((resolve) => {
        woken.push(resolve);
        channel.port2.postMessage(0);
      })
    : nextTask();

/**
 * Consecutive slices of `data` of at most `size` samples, made once so kernel caches keyed on
 * them hold. An offset image's entries stay where they are: a slice's `start` points into them.
 */
function chunks(data: TrainingImages, size: number): TrainingImages[] {
  return Array.from({length: Math.ceil(data.count / size)}, (_, i) => {
    const count = Math.min(size, data.count - i * size);
    const labels = data.labels.subarray(i * size, i * size + count);
    if (isOffsetImages(data))
      return {...data, count, labels, start: data.start.subarray(i * size, i * size + count + 1)};
    return {
      count,
      size: data.size,
      labels,
      pixels: data.pixels.subarray(i * size * data.size, (i * size + count) * data.size)
    };
  });
}

/**
 * The images of the last run with rotated copies, as a view of their own: lib/rotation.ts
 * keeps a set's rotated copies (about 330 MB for MNIST's 60,000 images and two angles) while
 * the view it was made from lives, so a worker keeps one such set, for runs that share it,
 * and lets it go when a run needs another or none.
 */
let rotated: {source: Uint8Array; key: string; images: LabelledImages} | undefined;

function rotatedSet(images: LabelledImages, rotations: number[]) {
  const key = `${images.count}:${rotations.join(",")}`;
  if (rotated?.source !== images.pixels || rotated.key !== key)
    rotated = {source: images.pixels, key, images: {...images, pixels: images.pixels.subarray(0)}};
  return withRotations(rotated.images, rotations);
}

async function train(request: TrainRequest): Promise<void> {
  const {lr, hidden, init, epochs, seed, kernel, score: scoring = "often"} = request;
  if (request.train && request.test) data = {train: request.train, test: request.test};
  if (!data) throw new Error("no training images sent");
  const images = firstSamples(data.train, request.images);
  const train = request.rotations?.length ? rotatedSet(images, request.rotations) : images;
  if (!request.rotations?.length) rotated = undefined; // frees the last run's rotated copies
  const test = data.test;
  const accuracySet = request.trainAccuracySamples ? firstSamples(data.train, request.trainAccuracySamples) : undefined;
  const often = scoring === "often";
  const network = () => createNetwork({inputs: train.size, hidden, outputs: 10, init, seed});
  let trainer: Awaited<ReturnType<typeof createTrainer>>;
  try {
    trainer = await createTrainer(network(), kernel);
  } catch (error) {
    // WebAssembly missing, turned off or without SIMD: the reader gets training all the same,
    // and a sentence, never the compile error.
    if (!kernel.startsWith("wasm")) throw error;
    console.warn(
      `the ${kernel} kernel could not start (${(error as Error).message}); training with ${FALLBACK_KERNEL}`
    );
    trainer = await createTrainer(network(), FALLBACK_KERNEL);
    post({type: "kernel", kernel: FALLBACK_KERNEL, wanted: kernel});
  }
  const parts = chunks(train, CHUNK);
  for (const part of parts) trainer.prepare?.(part);
  trainer.prepare?.(test);
  const total = epochs * train.count;
  let seen = 0;
  let trainingMs = 0; // time spent in training calls only, for samples per second
  let sliceStart = performance.now();
  let listened = sliceStart;
  let timed = sliceStart;
  let score = often ? trainer.evaluate(test).score : Number.NaN;
  const start = performance.now();
  post({type: "progress", epoch: 1, epochs, seen, total, samplesPerSecond: 0, score, seconds: 0}); // the untrained network
  let lastReport = 0;
  for (let epoch = 1; epoch <= epochs && !stopRequested; epoch++) {
    for (let i = 0; i < parts.length && !stopRequested; i++) {
      const before = performance.now();
      trainer.train(parts[i], lr);
      trainingMs += performance.now() - before;
      seen += parts[i].count;
      const last = i === parts.length - 1;
      if (last) trainer.endEpoch(); // the slices together are exactly one epoch of the build's training
      if (last && !often) {
        score = trainer.evaluate(test).score;
        const trainAccuracy = accuracySet && trainer.evaluate(accuracySet).score;
        post({
          type: "epoch",
          epoch,
          score,
          trainingSeconds: trainingMs / 1000,
          ...(accuracySet ? {trainAccuracy} : {})
        });
      }
      if (performance.now() - sliceStart >= SLICE[scoring] || (often && seen - lastReport >= total / POINTS) || last) {
        lastReport = seen;
        if (often) score = trainer.evaluate(test).score;
        post({
          type: "progress",
          epoch,
          epochs,
          seen,
          total,
          samplesPerSecond: (seen / trainingMs) * 1000,
          score,
          seconds: (performance.now() - start) / 1000
        });
        sliceStart = performance.now();
      }
      const now = performance.now();
      if (now - timed >= LISTEN.timer) {
        await nextTask(); // lets a "stop" (and any other task) in
        listened = timed = performance.now();
      } else if (now - listened >= LISTEN.message) {
        await nextMessage();
        listened = performance.now();
      }
    }
  }
  if (often || stopRequested) score = trainer.evaluate(test).score;
  post({
    type: "done",
    stopped: stopRequested && seen < total, // a stop that came after the last sample stopped nothing
    seen,
    score,
    seconds: (performance.now() - start) / 1000,
    samplesPerSecond: seen ? (seen / trainingMs) * 1000 : 0,
    weights: weightsHash(trainer.network())
  });
}

addEventListener("message", (event: MessageEvent<TrainRequest | {type: "stop"}>) => {
  const message = event.data;
  if (message.type === "stop") {
    stopRequested = true;
    return;
  }
  stopRequested = false;
  train(message).catch((error: Error) => post({type: "error", message: error.message}));
});
