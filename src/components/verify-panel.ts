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
  // Progress is shown every moment but announced (the live region, not shown: the same words
  // are in the line above it) only at the start, every tenth of the work, and at the end:
  // a sentence a second for minutes would drown a screen reader's other speech.
  const progress =
    html`<p class="verify-progress" style="font: 15px var(--sans-serif); margin: 0.5rem 0; min-height: 1.5em;"></p>` as HTMLParagraphElement;
  const status = statusLine("verify-hidden");
  const start = html`<button type="button" name="verify"></button>` as HTMLButtonElement;
  const stop = html`<button type="button" name="stop" disabled>■ Stop</button>` as HTMLButtonElement;
  const support = html`<p class="browser-support" hidden style="font-size: 14px;"></p>` as HTMLParagraphElement;
  const differences = html`<ul class="verify-differences" style="font-size: 14px;"></ul>` as HTMLUListElement;
  const grid = verifyGrid(list, runs, checks, experiment);
  const root = html`<div class="verify-panel">
    <p style="margin-top: 0;">${count(runs.length)} run${runs.length === 1 ? "" : "s"}, ${count(epochs)} epochs in all, on the ${count(list.trainImages)} training and ${count(list.testImages)} test images, downloaded once: <strong>${megabytes(downloadSize())}</strong>. Your browser reports ${reported} core${reported === 1 ? "" : "s"}: ${cores === 1 ? "one run trains" : `${cores} runs train`} at a time, each in its own Web Worker.</p>
    <div style="display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center;">${[start, stop]}</div>
    ${support}
    ${progress}${status}
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
  const running = () => stopping !== undefined;
  const setRunning = (on: boolean) => {
    const stopFocused = document.activeElement === stop;
    stop.disabled = !on;
    setPressable(start, !on); // stays focusable (live-status.ts)
    if (!on && stopFocused) start.focus(); // not dropped to <body>
  };
  const show = throttled((line: string) => progress.replaceChildren(line), 250);
  /** Shows `line` and announces it. */
  const say = (line: string) => {
    show(line, true);
    status.replaceChildren(line);
  };
  let announced = 0; // tenths of the work announced
  /** The progress line for the session that started at `began` with `startFraction` of the work done; announced at each tenth. */
  const progressLine = (began: number, startFraction: number) => {
    const seconds = (performance.now() - began) / 1000;
    const {compared: done, fraction, secondsLeft} = verifyProgress(runs, checks, seconds, startFraction);
    const training = runs.filter((run) => checks.get(run.key)?.state === "training").length;
    const left = timeLeft(secondsLeft);
    const line = `Verifying: ${done} of ${runs.length} runs compared, ${training} training; ${Math.floor(fraction * 100)}% of the work done${left ? `, ${left}` : ""}.`;
    show(line);
    if (Math.floor(fraction * 10) > announced) {
      announced = Math.floor(fraction * 10);
      status.replaceChildren(line);
    }
  };

  const run = async () => {
    if (running() || !pressable(start)) return;
    if (compared() === runs.length) for (const r of runs) checks.delete(r.key); // verify again
    stopping = new AbortController();
    const {signal} = stopping;
    setRunning(true);
    let received = 0;
    say("Downloading the training and test images…");
    try {
      const data = await trainingData((bytes) => {
        received += bytes;
        show(`Downloading the training and test images: ${megabytes(received)} of ${megabytes(downloadSize())}…`);
      }).catch((error: Error) => {
        throw new Error(`Could not load the images: ${error.message}`);
      });
      while (workers.length < cores) workers.push(new Worker(workerUrl));
      const began = performance.now();
      const startFraction = verifyProgress(runs, checks, 0).fraction;
      announced = Math.floor(startFraction * 10);
      say(
        `Verifying ${count(runs.length - compared())} runs on ${workers.length} Web Worker${workers.length === 1 ? "" : "s"}…`
      );
      await verifyRuns(runs, {
        workers,
        data,
        checks,
        signal,
        onChange: (changed) => {
          grid.update(changed);
          progressLine(began, startFraction);
        }
      });
      listDifferences();
      const done = compared();
      say(
        done === runs.length
          ? verdict(runs, checks)
          : `Stopped: ${done} of ${runs.length} runs compared. Resume to go on.`
      );
    } catch (error) {
      say(signal.aborted ? "Stopped before training began." : (error as Error).message);
    }
    stopping = undefined;
    setRunning(false);
    label();
  };
  start.addEventListener("click", run);
  stop.addEventListener("click", () => stopping?.abort());
  invalidation.then(() => {
    stopping?.abort();
    for (const worker of workers) worker.terminate(); // before it says it stopped: its runs wait again here
    for (const [key, check] of checks) if (check.state === "training") checks.set(key, {state: "waiting", fraction: 0});
  });

  label();
  listDifferences();
  if (compared() === runs.length && runs.length) say(verdict(runs, checks));
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
          `This browser cannot run WebAssembly SIMD, which the kernel the build trained with (${runs[0].config.kernel}) needs: another kernel rounds differently, so the runs cannot be retrained identically here. Chrome or Edge 91 and Firefox 89 and later can (the report's runs were checked identical in Chromium and Firefox).`
        );
    });
  return root;
}
