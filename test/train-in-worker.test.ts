// The training worker's one client, against a fake worker that records what it is sent and
// answers as src/playground/train-worker.ts does.
import {describe, expect, it} from "vitest";
import type {LabelledImages} from "../lib/mnist.js";
import type {TrainReport} from "../src/playground/train-worker.js";
import {WORKER_FAILED} from "../src/components/browser-support.js";
import {type TrainRun, trainInWorker} from "../src/components/train-in-worker.js";

/** A Worker stand-in: `sent` holds every message posted to it; `answer` replies as the worker would. */
function fakeWorker() {
  const target = new EventTarget();
  const sent: Record<string, unknown>[] = [];
  const worker = Object.assign(target, {
    postMessage: (message: Record<string, unknown>) => sent.push(message),
    terminate: () => {}
  }) as unknown as Worker;
  const answer = (report: TrainReport) => target.dispatchEvent(new MessageEvent("message", {data: report}));
  return {worker, sent, answer};
}

const images = (count: number): LabelledImages => ({
  count,
  size: 4,
  pixels: new Uint8Array(count * 4),
  labels: new Uint8Array(count)
});
const train = images(20);
const test = images(5);
const run: TrainRun = {lr: 0.1, hidden: 3, init: "Normal", epochs: 2, seed: 1, kernel: "dense", train, test};
const done = (stopped: boolean, seen: number): TrainReport => ({
  type: "done",
  stopped,
  seen,
  score: 0.6,
  seconds: 0.5,
  samplesPerSecond: 80,
  weights: "0".repeat(64)
});

describe("trainInWorker", () => {
  it("sends the images with the first run only; the second run in the same worker sends its settings", async () => {
    const {worker, sent, answer} = fakeWorker();
    const first = trainInWorker(worker, run);
    answer(done(false, 40));
    await first;
    const second = trainInWorker(worker, {...run, lr: 0.3, images: 10});
    answer(done(false, 20));
    await second;
    expect(sent.map((m) => [m.type, m.lr, "train" in m, "test" in m, m.images])).toEqual([
      ["start", 0.1, true, true, undefined],
      ["start", 0.3, false, false, 10]
    ]);
    expect(sent[0].train).toBe(train);
  });

  it("sends the images again when they are other images, and to each new worker", async () => {
    const a = fakeWorker();
    const first = trainInWorker(a.worker, run);
    a.answer(done(false, 40));
    await first;
    const other = images(8);
    const second = trainInWorker(a.worker, {...run, train: other});
    a.answer(done(false, 16));
    await second;
    const b = fakeWorker();
    const third = trainInWorker(b.worker, run);
    b.answer(done(false, 40));
    await third;
    expect([a.sent[1].train, b.sent[0].train]).toEqual([other, train]);
  });

  it("passes progress and epoch reports on, and resolves with the end and the epochs", async () => {
    const {worker, answer} = fakeWorker();
    const progress: number[] = [];
    const epochs: number[] = [];
    const result = trainInWorker(
      worker,
      {...run, score: "epoch"},
      {onProgress: (p) => progress.push(p.seen), onEpoch: (e) => epochs.push(e.epoch)}
    );
    const report = {epochs: 2, total: 40, samplesPerSecond: 80, score: Number.NaN, seconds: 0.1};
    answer({type: "progress", epoch: 1, seen: 20, ...report});
    answer({type: "epoch", epoch: 1, score: 0.5, trainingSeconds: 0.25});
    answer({type: "progress", epoch: 2, seen: 40, ...report});
    answer({type: "epoch", epoch: 2, score: 0.6, trainingSeconds: 0.5});
    answer(done(false, 40));
    expect(await result).toEqual({
      stopped: false,
      seen: 40,
      score: 0.6,
      seconds: 0.5,
      samplesPerSecond: 80,
      weights: "0".repeat(64),
      kernel: "dense",
      epochs: [
        {epoch: 1, score: 0.5, trainingSeconds: 0.25},
        {epoch: 2, score: 0.6, trainingSeconds: 0.5}
      ]
    });
    expect(progress).toEqual([20, 40]);
    expect(epochs).toEqual([1, 2]);
  });

  it("aborting posts stop and resolves with stopped: true and how far the run got", async () => {
    const {worker, sent, answer} = fakeWorker();
    const controller = new AbortController();
    const result = trainInWorker(worker, run, {signal: controller.signal});
    controller.abort();
    expect(sent.map((m) => m.type)).toEqual(["start", "stop"]);
    answer(done(true, 7));
    expect(await result).toMatchObject({stopped: true, seen: 7});
    controller.abort(); // after the end: nothing more is posted
    expect(sent).toHaveLength(2);
  });

  it("a signal aborted before the start rejects with its reason and posts nothing", async () => {
    const {worker, sent} = fakeWorker();
    const controller = new AbortController();
    controller.abort();
    await expect(trainInWorker(worker, run, {signal: controller.signal})).rejects.toThrow(/abort/i);
    expect(sent).toEqual([]);
  });

  it("a worker that fails to load rejects in plain words, now and for every later run", async () => {
    const {worker, sent} = fakeWorker();
    const result = trainInWorker(worker, run);
    worker.dispatchEvent(new Event("error", {cancelable: true}));
    await expect(result).rejects.toThrow(WORKER_FAILED);
    await expect(trainInWorker(worker, run)).rejects.toThrow(WORKER_FAILED);
    expect(sent).toHaveLength(1);
  });

  it("training that throws in the worker rejects with its message; the worker can train again", async () => {
    const {worker, answer} = fakeWorker();
    const result = trainInWorker(worker, run);
    answer({type: "error", message: "no training images sent"});
    await expect(result).rejects.toThrow("Training failed: no training images sent");
    const again = trainInWorker(worker, run);
    answer(done(false, 40));
    expect(await again).toMatchObject({stopped: false});
  });

  it("a fallback kernel is reported and named in the result", async () => {
    const {worker, answer} = fakeWorker();
    const told: string[] = [];
    const result = trainInWorker(worker, {...run, kernel: "wasm-f32"}, {onKernel: (k, w) => told.push(`${w}->${k}`)});
    answer({type: "kernel", kernel: "sparse", wanted: "wasm-f32"});
    answer(done(false, 40));
    expect((await result).kernel).toBe("sparse");
    expect(told).toEqual(["wasm-f32->sparse"]);
  });

  it("refuses a second run while one goes on in the same worker", async () => {
    const {worker, answer} = fakeWorker();
    const first = trainInWorker(worker, run);
    await expect(trainInWorker(worker, run)).rejects.toThrow(/already going on/);
    answer(done(false, 40));
    await first;
  });
});
