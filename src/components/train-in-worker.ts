// The one client of the training worker's protocol (src/playground/train-worker.ts): a page
// posts "start" with the settings and the images, the worker answers with "progress" (and
// "epoch", "kernel") reports and ends with "done" or "error"; "stop" asks it to end early.
// Both training panels train through trainInWorker, so the protocol is spoken in one place.
// The images (the 60,000 training images are about 47 MB once decoded) are copied into a
// worker once: later runs in the same worker send only the settings and the worker reuses them.
import type {KernelName} from "../lib/kernels.js";
import type {LabelledImages} from "../lib/mnist.js";
import type {TrainReport, TrainRequest} from "../playground/train-worker.js";
import {WORKER_FAILED} from "./browser-support.js";

/** What to train: the network's settings, the kernel, and the images to train and score on. */
export interface TrainRun {
  lr: number;
  hidden: number;
  init: TrainRequest["init"];
  epochs: number;
  seed: number;
  kernel: KernelName;
  /** The training images; the run trains on the first `images` of them (all when left out). */
  train: LabelledImages;
  /** The test images the score is the fraction right of. */
  test: LabelledImages;
  images?: number;
  /** "often" (default): score every slice of work, for a live curve; "epoch": after each epoch only, as the build does. */
  score?: "often" | "epoch";
  /** Rotated copies of each training image (degrees), trained right after it, as the build's rotation runs. */
  rotations?: number[];
  /** With score "epoch": each epoch report also gives the fraction right of the first this many training images. */
  trainAccuracySamples?: number;
}

/** A progress report: epoch of epochs, samples seen of total, seconds since the start, the latest test score (0–1; NaN before the first with score "epoch"). */
export type TrainProgress = Omit<Extract<TrainReport, {type: "progress"}>, "type">;
/** The test score (0–1) after `epoch`, and the seconds spent in training calls so far (scoring left out). */
export type TrainEpoch = Omit<Extract<TrainReport, {type: "epoch"}>, "type">;

/** How a run ended. */
export interface TrainResult {
  /** True when the signal stopped the run before its last epoch. */
  stopped: boolean;
  /** Training samples seen (an epoch counts each training image once). */
  seen: number;
  /** Test score at the end (0–1). */
  score: number;
  /** Seconds from the start of training to its end, scoring included. */
  seconds: number;
  /** Training samples per second of training calls (scoring left out); 0 when none was seen. */
  samplesPerSecond: number;
  /** The kernel that trained: the one asked for, or the fallback the worker switched to (see onKernel). */
  kernel: KernelName;
  /** The epoch reports (with score "epoch"), in order. */
  epochs: TrainEpoch[];
  /** SHA-256 (hex) of the final weights (lib/weights-hash.ts): equal to the build's for an identical run. */
  weights: string;
}

export interface TrainOptions {
  onProgress?: (progress: TrainProgress) => void;
  /** Called after each epoch when the run scores by epoch. */
  onEpoch?: (epoch: TrainEpoch) => void;
  /** Called when the kernel asked for (`wanted`) cannot run in the worker and `kernel` trains instead. */
  onKernel?: (kernel: KernelName, wanted: KernelName) => void;
  /** Aborting asks the worker to stop after its current slice of work (tens of ms). */
  signal?: AbortSignal;
}

/** Per worker: the images it holds, whether a run is going on, whether it failed to start. */
const workers = new WeakMap<Worker, {train?: LabelledImages; test?: LabelledImages; busy: boolean; failed: boolean}>();

/**
 * Trains `run` in `worker` (made from the bundled src/playground/train-worker.ts) and resolves
 * with how it ended. Aborting `signal` stops the run and resolves with `stopped: true` and the
 * score it reached (a signal already aborted rejects with its reason, nothing is trained). Rejects
 * with an Error whose message is a sentence a page can show: WORKER_FAILED when the worker
 * cannot start or load (then every later run in it rejects the same way), "Training failed: …"
 * when training throws, and a refusal when a run is already going on in this worker.
 */
export function trainInWorker(worker: Worker, run: TrainRun, options: TrainOptions = {}): Promise<TrainResult> {
  const {onProgress, onEpoch, onKernel, signal} = options;
  const state = workers.get(worker) ?? {busy: false, failed: false};
  workers.set(worker, state);
  if (state.failed) return Promise.reject(new Error(WORKER_FAILED));
  if (state.busy) return Promise.reject(new Error("A run is already going on in this worker: stop it first."));
  if (signal?.aborted) return Promise.reject(signal.reason);
  state.busy = true;
  return new Promise<TrainResult>((resolve, reject) => {
    let kernel = run.kernel;
    const epochs: TrainEpoch[] = [];
    const stop = () => worker.postMessage({type: "stop"});
    const end = () => {
      state.busy = false;
      worker.removeEventListener("message", listen);
      worker.removeEventListener("error", fail);
      signal?.removeEventListener("abort", stop);
    };
    const fail = (event: Event) => {
      event.preventDefault(); // said in words by the page, not as an uncaught error
      state.failed = true;
      end();
      reject(new Error(WORKER_FAILED));
    };
    const listen = ({data: report}: MessageEvent<TrainReport>) => {
      if (report.type === "progress") {
        const {type: _, ...progress} = report;
        onProgress?.(progress);
      } else if (report.type === "epoch") {
        const {type: _, ...epoch} = report;
        epochs.push(epoch);
        onEpoch?.(epoch);
      } else if (report.type === "kernel") {
        kernel = report.kernel;
        onKernel?.(report.kernel, report.wanted);
      } else if (report.type === "done") {
        end();
        const {stopped, seen, score, seconds, samplesPerSecond, weights} = report;
        resolve({stopped, seen, score, seconds, samplesPerSecond, kernel, epochs, weights});
      } else if (report.type === "error") {
        end();
        reject(new Error(`Training failed: ${report.message}`));
      }
    };
    worker.addEventListener("message", listen);
    worker.addEventListener("error", fail);
    signal?.addEventListener("abort", stop, {once: true});
    const {train, test, ...settings} = run;
    const held = state.train === train && state.test === test;
    const request: TrainRequest = {type: "start", ...settings, ...(held ? {} : {train, test})};
    worker.postMessage(request);
    state.train = train;
    state.test = test;
  });
}
