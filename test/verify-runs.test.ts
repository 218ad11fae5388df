// The verify page's scheduler and words, against fake workers that answer as
// src/playground/train-worker.ts does: costliest first, one run per worker at a time, Stop
// puts the runs in training back to waiting and a second call resumes with the rest only; the
// progress, time left and verdict it shows.
import {describe, expect, it} from "vitest";
import type {LabelledImages} from "../lib/mnist.js";
import type {TrainReport} from "../src/playground/train-worker.js";
import {WORKER_FAILED} from "../src/components/browser-support.js";
import {
  type RunCheck,
  timeLeft,
  type VerifyRun,
  verdict,
  verifyProgress,
  verifyRuns
} from "../src/components/verify-runs.js";

const images: LabelledImages = {count: 4, size: 4, pixels: new Uint8Array(16), labels: new Uint8Array(4)};
const data = {train: images, test: images};

/** A run of `cost` whose build scored `score` after each of its `epochs` epochs, weights hash "w<key>". */
const run = (key: string, cost: number, epochs = 2, score = 0.5): VerifyRun =>
  ({
    key,
    cost,
    epochs,
    experiments: ["exp1"],
    description: `run ${key}`,
    config: {hidden: 10, init: "Normal", lr: 0.1, seed: 1, kernel: "dense", rotations: [], trainLimit: null},
    trainSamples: 4,
    trainAccuracySamples: 4,
    scores: Array.from({length: epochs}, () => ({testScore: score, trainAccuracy: score})),
    weights: `w${key}`
  }) as VerifyRun;

/**
 * Workers that train a run as the build did (its stored scores and weights), or, for a key in
 * `wrong`, with another test score; each run's start is recorded in `started`. A run finishes
 * when `finish()` is called (all running ones); "stop" makes the worker end its run stopped.
 */
function fakeWorkers(n: number, runs: VerifyRun[], wrong: string[] = []) {
  const started: string[] = [];
  const running = new Map<EventTarget, VerifyRun>();
  const reply = (target: EventTarget, report: TrainReport) =>
    target.dispatchEvent(new MessageEvent("message", {data: report}));
  const workers = Array.from({length: n}, () => {
    const target = new EventTarget();
    return Object.assign(target, {
      terminate: () => {},
      postMessage: (message: {type: string; lr?: number; seed?: number; epochs?: number}) => {
        if (message.type === "stop") {
          running.delete(target);
          return reply(target, {
            type: "done",
            stopped: true,
            seen: 0,
            score: 0,
            seconds: 0,
            samplesPerSecond: 0,
            weights: ""
          });
        }
        // The run is told by its epochs and seed here, which the fake runs keep distinct.
        const job = runs.find(
          (r) => r.epochs === message.epochs && started.filter((k) => k === r.key).length === stopped.get(r.key)
        )!;
        started.push(job.key);
        running.set(target, job);
      }
    });
  }) as unknown as Worker[];
  const stopped = new Map(runs.map((r) => [r.key, 0]));
  const finish = () => {
    for (const [target, job] of [...running]) {
      running.delete(target);
      job.scores.forEach(({testScore, trainAccuracy}, i) => {
        const score = wrong.includes(job.key) ? testScore + 0.0001 : testScore;
        reply(target, {type: "epoch", epoch: i + 1, score, trainAccuracy, trainingSeconds: 1});
      });
      reply(target, {
        type: "done",
        stopped: false,
        seen: 8,
        score: 0,
        seconds: 1,
        samplesPerSecond: 8,
        weights: job.weights
      });
    }
  };
  return {workers, started, finish, running, stopped};
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** verifyRuns of `runs` on `workers` into `checks`, until `signal` (never, by default) stops it. */
const verifyOn = (
  runs: VerifyRun[],
  workers: Worker[],
  checks: Map<string, RunCheck>,
  signal = new AbortController().signal,
  onChange: (run: VerifyRun) => void = () => {}
) => verifyRuns(runs, {workers, data, checks, signal, onChange});

describe("verifyRuns", () => {
  it("trains the costliest first, one run per worker at a time, and compares each", async () => {
    const runs = [run("a", 1, 1), run("b", 5, 2), run("c", 3, 3), run("d", 4, 4)];
    const fake = fakeWorkers(2, runs, ["c"]);
    const checks = new Map<string, RunCheck>();
    const changed: string[] = [];
    const done = verifyOn(runs, fake.workers, checks, undefined, (r) => changed.push(r.key));
    await tick();
    expect(fake.started).toEqual(["b", "d"]); // the two costliest, one per worker
    while (fake.started.length < runs.length || fake.running.size) {
      fake.finish();
      await tick();
    }
    await done;
    expect(fake.started).toEqual(["b", "d", "c", "a"]);
    expect(Object.fromEntries([...checks].map(([k, c]) => [k, c.state]))).toEqual({
      a: "identical",
      b: "identical",
      c: "different",
      d: "identical"
    });
    expect(checks.get("c")?.detail).toBe("epoch 1 test score: the build 50.00%, here 50.01%");
    expect(new Set(changed)).toEqual(new Set(["a", "b", "c", "d"]));
    expect(verdict(runs, checks)).toBe("3 of 4 runs identical; 1 different.");
  });

  it("stops: the runs in training wait again; a second call trains only the runs not compared", async () => {
    const runs = [run("a", 1, 1), run("b", 5, 2), run("c", 3, 3)];
    const fake = fakeWorkers(1, runs);
    const checks = new Map<string, RunCheck>();
    const stop = new AbortController();
    const first = verifyOn(runs, fake.workers, checks, stop.signal);
    await tick();
    fake.finish(); // b compared
    await tick();
    expect(fake.started).toEqual(["b", "c"]);
    stop.abort(); // c stopped midway
    await first;
    expect(Object.fromEntries([...checks].map(([k, c]) => [k, c.state]))).toEqual({b: "identical", c: "waiting"});
    fake.stopped.set("c", 1);
    const second = verifyOn(runs, fake.workers, checks);
    while (fake.started.length < 4 || fake.running.size) {
      await tick();
      fake.finish();
    }
    await second;
    expect(fake.started).toEqual(["b", "c", "c", "a"]); // b not again
    expect(verdict(runs, checks)).toBe("3 of 3 runs identical.");
  });
});

describe("verifyRuns when a worker dies", () => {
  it("hands the dead worker's run to the others; when none is left, the remaining runs fail with the reason", async () => {
    const runs = [run("a", 1, 1), run("b", 5, 2), run("c", 3, 3), run("d", 4, 4)];
    const fake = fakeWorkers(2, runs);
    const checks = new Map<string, RunCheck>();
    const done = verifyOn(runs, fake.workers, checks);
    await tick();
    expect(fake.started).toEqual(["b", "d"]);
    fake.workers[0].dispatchEvent(new Event("error")); // the worker training b is gone
    fake.running.delete(fake.workers[0] as unknown as EventTarget);
    fake.stopped.set("b", 1);
    await tick();
    expect(checks.get("b")?.state).toBe("waiting");
    fake.finish(); // d, then the one worker left takes b, c, a in turn
    for (let i = 0; i < 6; i++) {
      await tick();
      fake.finish();
    }
    await done;
    expect(fake.started).toEqual(["b", "d", "b", "c", "a"]);
    expect([...checks.values()].map((c) => c.state)).toEqual(["identical", "identical", "identical", "identical"]);

    // Every worker dead: what is left fails, saying why.
    const alone = fakeWorkers(1, runs);
    const left = new Map<string, RunCheck>();
    const ending = verifyOn(runs, alone.workers, left);
    await tick();
    alone.workers[0].dispatchEvent(new Event("error"));
    await ending;
    expect(new Set([...left.values()].map((c) => c.state))).toEqual(new Set(["failed"]));
    expect(left.size).toBe(runs.length);
    expect(left.get("a")?.detail).toBe(WORKER_FAILED);
  });
});

describe("verifyProgress and timeLeft", () => {
  it("weights runs by cost, a run in training by its trained share, and extrapolates the time left", () => {
    const runs = [run("a", 1), run("b", 3), run("c", 4)];
    const checks = new Map<string, RunCheck>([
      ["a", {state: "identical", fraction: 1}],
      ["b", {state: "training", fraction: 0.5}]
    ]);
    const progress = verifyProgress(runs, checks, 10);
    expect(progress.compared).toBe(1);
    expect(progress.fraction).toBeCloseTo((1 + 1.5) / 8, 12);
    expect(progress.secondsLeft).toBeCloseTo((10 / (2.5 / 8)) * (5.5 / 8), 9);
    expect(verifyProgress(runs, new Map(), 0).secondsLeft).toBeNaN(); // nothing done: not known
    // A session that started with run a compared (1/8 of the work) has done 1.5/8 in its 10 s.
    expect(verifyProgress(runs, checks, 10, 1 / 8).secondsLeft).toBeCloseTo(5.5 / 8 / (1.5 / 8 / 10), 9);
    expect(verifyProgress(runs, checks, 10, 2.5 / 8).secondsLeft).toBeNaN(); // nothing done in this session yet
    expect([timeLeft(42.4), timeLeft(200), timeLeft(Number.NaN)]).toEqual([
      "about 42 s left",
      "about 3 min 20 s left",
      ""
    ]);
  });

  it("says what could not be retrained apart from what differs", () => {
    const runs = [run("a", 1)];
    expect(verdict(runs, new Map([["a", {state: "failed", fraction: 1, detail: "no"}]]))).toBe(
      "0 of 1 run identical; 1 could not be retrained here."
    );
  });
});
