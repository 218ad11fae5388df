// The verify page's claim, checked in Node: the pages' training worker
// (src/playground/train-worker.ts, as the verify page drives it) retrains a run to the same
// test score and training accuracy after every epoch, and the same final weights, as the build
// (getRun), rotated copies and a training-set limit included; and runDifference says where
// a run that is not the same differs.
import {rmSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Run} from "../data-loaders/run-entry.js";
import type {RunConfig} from "../data-loaders/run-key.js";
import {getRun, TRAIN_SUBSET} from "../data-loaders/run-training.js";
import type {VerifyRun} from "../data-loaders/verify-list.js";
import {weightsHash} from "../lib/weights-hash.js";
import type {TrainReport, TrainRequest} from "../src/playground/train-worker.js";
import {runDifference, trainRunOf} from "../src/components/verify-runs.js";
import {smallDataset, tempDir} from "./fixtures.js";

const dataset = smallDataset(300, 200);
const reports: TrainReport[] = [];
const worker = new EventTarget();
let onReport: ((report: TrainReport) => void) | undefined;

/** What the worker reports for `request`, up to its "done" (or "error"). */
async function workerRun(request: TrainRequest): Promise<TrainReport[]> {
  reports.length = 0;
  worker.dispatchEvent(new MessageEvent("message", {data: request}));
  await expect.poll(() => reports.at(-1)?.type, {timeout: 60_000}).toMatch(/done|error/);
  return [...reports];
}

/** The worker's request for `config`, as the verify page makes it (trainRunOf) from data/verify.json. */
const requestFor = (config: RunConfig, epochs: number): TrainRequest => {
  const {hidden, init, lr, seed, kernel, rotations = [], trainLimit = null} = config;
  const listed = {
    config: {hidden, init, lr, seed, kernel, rotations, trainLimit},
    epochs,
    trainAccuracySamples: Math.min(TRAIN_SUBSET, dataset.train.count)
  } as VerifyRun;
  return {type: "start", ...trainRunOf(listed, dataset)};
};

/** The build's numbers for `run` as data/verify.json gives them. */
const stored = (run: Run): VerifyRun =>
  ({
    epochs: run.epochs.length,
    scores: run.epochs.map(({testScore, trainAccuracy}) => ({testScore, trainAccuracy})),
    weights: weightsHash(run.net)
  }) as VerifyRun;

let store: string;
beforeAll(async () => {
  store = tempDir("mynn-verify-worker-");
  // The worker module listens on the global scope and posts to it, as in a browser's worker.
  Object.assign(globalThis, {
    addEventListener: worker.addEventListener.bind(worker),
    postMessage: (report: TrainReport) => {
      reports.push(report);
      onReport?.(report);
    }
  });
  await import("../src/playground/train-worker.js");
});
afterAll(() => rmSync(store, {recursive: true, force: true}));

describe("the training worker as the verify page drives it", () => {
  const cases: [string, RunConfig][] = [
    [
      "rotated copies, the fast kernel",
      {hidden: 20, init: "Normal", lr: 0.1, seed: 3, kernel: "wasm-f32", rotations: [10, -10]}
    ],
    [
      "a training-set limit, the reference kernel",
      {hidden: 12, init: "Rand", lr: 0.3, seed: 2, kernel: "dense", trainLimit: 150}
    ]
  ];
  it.each(cases)("retrains %s to the build's numbers, epoch by epoch, and its weights", async (_, config) => {
    const run = await getRun(dataset, {config, epochs: 2}, store);
    const got = await workerRun(requestFor(config, 2));
    const epochs = got.filter((r) => r.type === "epoch");
    const done = got.find((r) => r.type === "done");
    expect(epochs.map((e) => [e.score, e.trainAccuracy])).toEqual(
      run.epochs.map((e) => [e.testScore, e.trainAccuracy])
    );
    expect(done?.weights).toBe(weightsHash(run.net));
    expect(
      runDifference(stored(run), {epochs: epochs.map(({type: _, ...e}) => e), weights: done!.weights})
    ).toBeUndefined();
  });

  it("finds a run that is not the build's and says where it first differs", async () => {
    const config: RunConfig = {hidden: 10, init: "Normal", lr: 0.2, seed: 1, kernel: "wasm-f32"};
    const run = await getRun(dataset, {config, epochs: 2}, store);
    const got = await workerRun(requestFor({...config, seed: 2}, 2)); // another seed: another run
    const epochs = got.flatMap((r) => (r.type === "epoch" ? [{...r}] : []));
    const weights = got.flatMap((r) => (r.type === "done" ? [r.weights] : []))[0];
    const build = stored(run);
    expect(weights).not.toBe(build.weights);
    expect(runDifference(build, {epochs, weights})).toMatch(
      /^epoch 1 (test score|training accuracy): the build [\d.]+%, here [\d.]+%$|^the final weights differ/
    );
    // Equal scores with other weights: the weights are still compared.
    const sameScores = build.scores.map(({testScore, trainAccuracy}, i) => ({
      ...epochs[i],
      score: testScore,
      trainAccuracy
    }));
    expect(runDifference(build, {epochs: sameScores, weights})).toMatch(
      /^the final weights differ \(SHA-256 [0-9a-f]{12}… here, [0-9a-f]{12}… in the build\)$/
    );
    expect(runDifference(build, {epochs: sameScores.slice(1), weights})).toBe(
      "1 epoch was trained here, the build trained 2"
    );
  });
});

describe("Stop", () => {
  it("is heard within a short slice of work, even when the worker scores by epoch only", async () => {
    // One long epoch (24,000 images at 1,000 hidden nodes: 0.8 to 1.7 s here), scored at its end
    // only, as the try panels and the verify page train. The page's "stop" is queued as the worker
    // starts training. Node lets it in at the worker's timer yields (every 100 ms of work; browsers
    // also at its 20 ms message yields, which test/e2e/try-setting.e2e.ts exercises): the run must
    // end within the first 100 ms of work, where a yield every 250 ms let it run for 250 ms or more.
    const big = smallDataset(24_000, 200);
    const request: TrainRequest = {
      type: "start",
      lr: 0.1,
      hidden: 1000,
      init: "Normal",
      epochs: 1,
      seed: 1,
      kernel: "wasm-f32",
      train: big.train,
      test: big.test,
      score: "epoch"
    };
    onReport = (report) => {
      if (report.type !== "progress" || report.seen !== 0) return;
      onReport = undefined;
      setTimeout(() => worker.dispatchEvent(new MessageEvent("message", {data: {type: "stop"}})), 0);
    };
    try {
      const done = (await workerRun(request)).find((r) => r.type === "done");
      expect(done).toMatchObject({type: "done", stopped: true});
      expect(done!.seen).toBeGreaterThan(0); // it trained, then stopped
      // Seconds of training before the stop was heard (seen / samples per second): about 0.1 here,
      // at least 0.25 with the old yield, and a fast machine's epoch is no shorter than that.
      expect(done!.seen / done!.samplesPerSecond).toBeLessThan(0.2);
    } finally {
      onReport = undefined;
    }
  });
});
