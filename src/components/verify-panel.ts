// The verify page's panel: what verifying costs (the download, the runs), Start/Resume and Stop,
// a status line with progress and time left that screen readers read, the verdict, the runs
// that differ, and the cells (verify-grid.ts). The training runs in verify-runs.ts.
import {html} from "htl";
import {trainingUnavailable, wasmSimdSupported} from "./browser-support.js";
import {pressable, setPressable, statusLine, throttled} from "./live-status.js";
import {downloadSize, trainingData} from "./training-data.js";
import {count, megabytes} from "./try-settings.js";
import {cellWords, verifyGrid} from "./verify-grid.js";
import {type RunCheck, type VerifyList, timeLeft, verdict, verifyProgress, verifyRuns} from "./verify-runs.js";

/** Verdicts by run key for the whole page visit: choosing another experiment keeps what was compared. */
const checks = new Map<string, RunCheck>();

export interface VerifyPanelOptions {
  /** The id of the experiment whose runs to verify; "all" or undefined: every run of the report. */
  experiment?: string;
  /** The bundled training worker's URL (data/playground-worker.js). */
  workerUrl: string;
  /** Framework's invalidation promise: the workers end with the cell. */
  invalidation: Promise<unknown>;
}

/** The panel retraining the runs of `list` (every one, or one experiment's) in as many workers as this machine has cores. */
export function verifyPanel(list: VerifyList, options: VerifyPanelOptions): HTMLElement {
  const {workerUrl, invalidation} = options;
  const experiment = options.experiment === "all" ? undefined : options.experiment;
  const runs = experiment ? list.runs.filter((run) => run.experiments.includes(experiment)) : list.runs;
  const reported = navigator.hardwareConcurrency || 2; // not every browser tells (2 then)
  const cores = Math.max(1, Math.min(reported, runs.length));
  const epochs = runs.reduce((sum, run) => sum + run.epochs, 0);
  const status = statusLine(); // progress and the verdict, read out by screen readers
  status.style.cssText = "font: 15px var(--sans-serif); margin: 0.5rem 0; min-height: 1.5em;";
  const start = html`<button type="button" name="verify"></button>` as HTMLButtonElement;
  const stop = html`<button type="button" name="stop" disabled>■ Stop</button>` as HTMLButtonElement;
  const support = html`<p class="browser-support" hidden style="font-size: 14px;"></p>` as HTMLParagraphElement;
  const differences = html`<ul class="verify-differences" style="font-size: 14px;"></ul>` as HTMLUListElement;
  const grid = verifyGrid(list, runs, checks, experiment);
  const root = html`<div class="verify-panel">
    <p style="margin-top: 0;">${count(runs.length)} run${runs.length === 1 ? "" : "s"}, ${count(epochs)} epochs in all, on the ${count(list.trainImages)} training and ${count(list.testImages)} test images, downloaded once: <strong>${megabytes(downloadSize())}</strong>. Your browser reports ${reported} core${reported === 1 ? "" : "s"}: ${cores === 1 ? "one run trains" : `${cores} runs train`} at a time, each in its own Web Worker.</p>
    <div style="display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center;">${[start, stop]}</div>
    ${support}
    ${status}
    ${differences}
    ${grid.element}
  </div>`;

  const compared = () => verifyProgress(runs, checks, 0).compared;
  const label = () => {
    const left = runs.length - compared();
    start.textContent = !checks.size
      ? `▶ Download ${megabytes(downloadSize())} and verify ${count(runs.length)} run${runs.length === 1 ? "" : "s"}`
      : left
        ? `▶ Resume (${count(left)} run${left === 1 ? "" : "s"} left)`
        : "↻ Verify again";
  };
  const listDifferences = () => {
    const items = runs
      .filter((run) => ["different", "failed"].includes(checks.get(run.key)?.state ?? ""))
      .map((run) => html`<li>${cellWords(run, checks.get(run.key))}</li>`);
    differences.replaceChildren(...items);
  };

  const workers: Worker[] = [];
  let stopping: AbortController | undefined;
  let seconds = 0; // seconds spent verifying so far, across Stop and Resume
  const running = () => stopping !== undefined;
  const setRunning = (on: boolean) => {
    const stopFocused = document.activeElement === stop;
    stop.disabled = !on;
    setPressable(start, !on); // stays focusable (live-status.ts)
    if (!on && stopFocused) start.focus(); // not dropped to <body>
  };
  const say = throttled((line: string) => status.replaceChildren(line));
  const progressLine = (began: number) => {
    const {
      compared: done,
      fraction,
      secondsLeft
    } = verifyProgress(runs, checks, seconds + (performance.now() - began) / 1000);
    const training = runs.filter((run) => checks.get(run.key)?.state === "training").length;
    const left = timeLeft(secondsLeft);
    return `Verifying: ${done} of ${runs.length} runs compared, ${training} training; ${Math.floor(fraction * 100)}% of the work done${left ? `, ${left}` : ""}.`;
  };

  const run = async () => {
    if (running() || !pressable(start)) return;
    if (compared() === runs.length) for (const r of runs) checks.delete(r.key); // verify again
    stopping = new AbortController();
    const {signal} = stopping;
    setRunning(true);
    let received = 0;
    say("Downloading the training and test images…", true);
    try {
      const data = await trainingData((bytes) => {
        received += bytes;
        say(`Downloading the training and test images: ${megabytes(received)} of ${megabytes(downloadSize())}…`);
      }).catch((error: Error) => {
        throw new Error(`Could not load the images: ${error.message}`);
      });
      while (workers.length < cores) workers.push(new Worker(workerUrl));
      const began = performance.now();
      say(progressLine(began), true);
      await verifyRuns(runs, {
        workers,
        data,
        checks,
        signal,
        onChange: (changed) => {
          grid.update(changed);
          say(progressLine(began));
        }
      });
      seconds += (performance.now() - began) / 1000;
      listDifferences();
      const done = compared();
      say(
        done === runs.length
          ? verdict(runs, checks)
          : `Stopped: ${done} of ${runs.length} runs compared. Resume to go on.`,
        true
      );
    } catch (error) {
      say(signal.aborted ? "Stopped before training began." : (error as Error).message, true);
    }
    stopping = undefined;
    setRunning(false);
    label();
  };
  start.addEventListener("click", run);
  stop.addEventListener("click", () => stopping?.abort());
  invalidation.then(() => {
    stopping?.abort();
    for (const worker of workers) worker.terminate();
  });

  label();
  listDifferences();
  if (compared() === runs.length && runs.length) say(verdict(runs, checks), true);
  const unavailable = trainingUnavailable();
  const refuse = (why: string) => {
    start.disabled = true;
    support.textContent = why;
    support.hidden = false;
  };
  if (unavailable) refuse(unavailable);
  else if (runs.some((r) => r.config.kernel.startsWith("wasm")))
    void wasmSimdSupported().then((simd) => {
      if (!simd)
        refuse(
          `This browser cannot run WebAssembly SIMD, which the kernel the build trained with (${runs[0].config.kernel}) needs: another kernel rounds differently, so the runs cannot be retrained identically here. Chrome or Edge 91, Firefox 89 or Safari 16.4 and later can.`
        );
    });
  return root;
}
