// Retraining the report's runs in the reader's browser and comparing each with what the build
// stored (data/verify.json, made by data-loaders/verify-list.ts): a pool of Web Workers, one run
// each at a time, the costliest first so the workers finish together. Stopping aborts the runs
// in training (they wait again); the runs already compared keep their verdicts.
import type {LabelledImages} from "../lib/mnist.js";
import type {VerifyRun} from "../../data-loaders/verify-list.js";
import {WORKER_FAILED} from "./browser-support.js";
import {type TrainResult, type TrainRun, trainInWorker} from "./train-in-worker.js";

export type {VerifyList, VerifyRun} from "../../data-loaders/verify-list.js";

/** Where a run is: not started (or stopped), training, or compared. "failed": it could not be retrained here. */
export type VerifyState = "waiting" | "training" | "identical" | "different" | "failed";

export interface RunCheck {
  state: VerifyState;
  /** Share of the run trained, 0–1. */
  fraction: number;
  /** For "different", the first value that differs; for "failed", why, in words. */
  detail?: string;
}

/** Whether a run's check is a verdict (identical, different or failed), not waiting or training. */
export const isCompared = (check: RunCheck | undefined): boolean =>
  check !== undefined && check.state !== "waiting" && check.state !== "training";

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * The first thing in which a retrained run differs from the build's, in words ("epoch 3 test
 * score: the build 95.12%, here 95.13%"), or undefined when every epoch's test score and
 * training accuracy and the final weights' SHA-256 are the same. Scores compare exactly: they
 * are fractions of whole images, equal or not.
 */
export function runDifference(run: VerifyRun, result: Pick<TrainResult, "epochs" | "weights">): string | undefined {
  if (result.epochs.length !== run.epochs)
    return `${result.epochs.length} epoch${result.epochs.length === 1 ? " was" : "s were"} trained here, the build trained ${run.epochs}`;
  for (const [i, stored] of run.scores.entries()) {
    const here = result.epochs[i];
    if (here.score !== stored.testScore)
      return `epoch ${i + 1} test score: the build ${percent(stored.testScore)}, here ${percent(here.score)}`;
    if (here.trainAccuracy !== stored.trainAccuracy)
      return `epoch ${i + 1} training accuracy: the build ${percent(stored.trainAccuracy)}, here ${percent(here.trainAccuracy ?? Number.NaN)}`;
  }
  if (result.weights !== run.weights)
    return `the final weights differ (SHA-256 ${result.weights.slice(0, 12)}… here, ${run.weights.slice(0, 12)}… in the build)`;
  return undefined;
}

/**
 * How far verifying `runs` has got: runs compared, the share of the work done (runs weighted by
 * cost, samples x hidden nodes, a run in training by its trained share) and, once some is
 * done, the seconds left at this session's rate: `seconds` since it started, when the share
 * done was `startFraction` (runs compared before, in an earlier session or for another
 * experiment, took no time now). NaN: not known yet.
 */
export function verifyProgress(
  runs: VerifyRun[],
  checks: ReadonlyMap<string, RunCheck>,
  seconds: number,
  startFraction = 0
): {compared: number; fraction: number; secondsLeft: number} {
  let total = 0;
  let done = 0;
  let compared = 0;
  for (const run of runs) {
    const check = checks.get(run.key);
    const finished = isCompared(check);
    total += run.cost;
    done += run.cost * (finished ? 1 : (check?.fraction ?? 0));
    if (finished) compared++;
  }
  const fraction = total ? done / total : 1;
  const rate = (fraction - startFraction) / seconds; // share of the work per second
  const secondsLeft = rate > 0 && seconds > 0 ? (1 - fraction) / rate : Number.NaN;
  return {compared, fraction, secondsLeft};
}

/** "about 3 min 20 s", "about 40 s"; "" when not known yet. */
export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  const s = Math.max(1, Math.round(seconds));
  return s < 60 ? `about ${s} s left` : `about ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s left`;
}

/** The verdict for `runs`, once all are compared: "115 of 115 runs identical", with what was not. */
export function verdict(runs: VerifyRun[], states: ReadonlyMap<string, RunCheck>): string {
  const tally = (state: string) => runs.filter((run) => states.get(run.key)?.state === state).length;
  const identical = tally("identical");
  const different = tally("different");
  const failed = tally("failed");
  const others = [different ? `${different} different` : "", failed ? `${failed} could not be retrained here` : ""]
    .filter(Boolean)
    .join(", ");
  return `${identical} of ${runs.length} run${runs.length === 1 ? "" : "s"} identical${others ? `; ${others}` : ""}.`;
}

export interface VerifyOptions {
  /** The workers to train on (bundled src/playground/train-worker.ts), reused across calls: each holds the images once. */
  workers: Worker[];
  data: {train: LabelledImages; test: LabelledImages};
  /** Verdicts so far, by run key: updated in place, so a later call resumes where this one stopped. */
  checks: Map<string, RunCheck>;
  /** Called whenever a run's check changes. */
  onChange: (run: VerifyRun) => void;
  /** Aborting stops: runs in training go back to waiting. */
  signal: AbortSignal;
}

/** What the training worker is asked to train for `run`: its settings, as the build trained it (score after each epoch, training accuracy too). */
export function trainRunOf(run: VerifyRun, data: {train: LabelledImages; test: LabelledImages}): TrainRun {
  const {config, epochs} = run;
  return {
    lr: config.lr,
    hidden: config.hidden,
    init: config.init,
    seed: config.seed,
    kernel: config.kernel,
    epochs,
    rotations: config.rotations,
    trainAccuracySamples: run.trainAccuracySamples,
    images: config.trainLimit ?? undefined,
    score: "epoch",
    ...data
  };
}

/** Retrains every run of `runs` not yet compared, costliest first, and resolves when all are compared or `signal` stopped them. */
export async function verifyRuns(runs: VerifyRun[], options: VerifyOptions): Promise<void> {
  const {workers, data, checks, onChange, signal} = options;
  const set = (run: VerifyRun, check: RunCheck) => {
    checks.set(run.key, check);
    onChange(run);
  };
  const queue = runs
    .filter((run) => !isCompared(checks.get(run.key)))
    .sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const used = workers.slice(0, Math.max(1, Math.min(workers.length, queue.length)));
  let alive = used.length;
  const work = async (worker: Worker) => {
    for (let run = queue.shift(); run && !signal.aborted; run = queue.shift()) {
      set(run, {state: "training", fraction: 0});
      try {
        let fallback: string | undefined;
        const result = await trainInWorker(worker, trainRunOf(run, data), {
          signal,
          onProgress: ({seen, total}) => set(run, {state: "training", fraction: seen / total}),
          onKernel: (kernel, wanted) => {
            fallback = `this browser could not run ${wanted}, the kernel the build trained with (it trained with ${kernel})`;
          }
        });
        if (result.stopped) set(run, {state: "waiting", fraction: 0});
        else if (fallback) set(run, {state: "failed", fraction: 1, detail: fallback});
        else {
          const detail = runDifference(run, result);
          set(run, detail ? {state: "different", fraction: 1, detail} : {state: "identical", fraction: 1});
        }
      } catch (error) {
        const message = (error as Error).message;
        if (signal.aborted) set(run, {state: "waiting", fraction: 0});
        else if (message === WORKER_FAILED) {
          // The worker itself is gone (out of memory, say): its run goes back to the others,
          // and only when none is left do the remaining runs fail, with the reason.
          set(run, {state: "waiting", fraction: 0});
          queue.unshift(run);
          if (--alive === 0)
            for (const left of queue.splice(0)) set(left, {state: "failed", fraction: 1, detail: message});
          return;
        } else set(run, {state: "failed", fraction: 1, detail: message});
      }
    }
  };
  await Promise.all(used.map(work));
}
