// "Try another setting": a panel under an experiment's chart where the reader sets what the
// page varies (learning rate, epochs, hidden nodes) plus initial weights, seed and data. A
// setting the build trained is shown at once from the page's own results; any other trains in
// a Web Worker with the build's engine and kernel, epoch by epoch, with progress and Stop.
// A stored run can also be retrained ("Reproduce") and compared with the build, digit for digit.
// The panel is an input for Framework's view(): its value is the run to draw (lineChart's
// `reader` option), or null. Every control is kept in the page's URL (try-controls.ts); what
// the status line says is in try-messages.ts.
import {html} from "htl";
import {DEFAULT_KERNEL} from "../lib/kernels.js";
import type {Row} from "./arrow.js";
import {fallbackNote, supportLine, trainingKernel, trainingUnavailable} from "./browser-support.js";
import type {ReaderRun} from "./line-chart.js";
import {pressable, setPressable, statusLine, throttled} from "./live-status.js";
import {trainInWorker} from "./train-in-worker.js";
import {downloadSize, trainingData, trainWorker} from "./training-data.js";
import {tryControls} from "./try-controls.js";
import {
  type EpochScore,
  finishedLine,
  progressLine,
  stoppedLine,
  storedLine,
  untrainedLine,
  verdictLine
} from "./try-messages.js";
import {count, describeTry, megabytes, pointsOf, storedEpochs, type TrySettings, type Varied} from "./try-settings.js";
import {copyLink} from "./url-state.js";

export interface TryPanelOptions {
  /** The page's stored scores: rows with lr, seed, epoch and testScore (and hidden if the page varies it). */
  scores: Row[];
  /** The page's settings row (seeds, trainSamples, trainLimit, kernel). */
  settings: Row;
  /** What the page varies: the reader gets a control for each (plus initial weights, seed and data). */
  vary: Varied[];
  /** Everything else, as the page fixes it (e.g. {epochs: 1, hidden: 100, init: "Normal"}). */
  fixed: Partial<TrySettings>;
  /** What the chart's x is: a point after the last epoch at this setting, or the curve over epochs. */
  x: "lr" | "hidden" | "epoch";
  /** Framework's invalidation promise: the worker and the controls' URL listeners end with the cell. */
  invalidation: Promise<unknown>;
  /** The panel's heading (default "Try another setting"); a page without a chart to draw on gives its own. */
  title?: string;
}

export function tryPanel(options: TryPanelOptions): HTMLElement & {value: ReaderRun | null} {
  const {scores, settings, vary, fixed, x, invalidation} = options;
  // What the build's dataset holds, from the settings row (the downloads hold the same files).
  const all = settings.trainImages as number;
  const controls = tryControls(options, all, invalidation);
  const status = statusLine(); // progress and the verdict, read out by screen readers
  status.style.cssText = "font: 14px var(--sans-serif); margin: 0.5rem 0; min-height: 2.8em;";
  const button = (name: string, text: string) =>
    html`<button type="button" name=${name}>${text}</button>` as HTMLButtonElement;
  const train = button("train", "▶ Train in your browser");
  const reproduce = button("reproduce", "↻ Reproduce in your browser");
  const stop = button("stop", "■ Stop");
  stop.disabled = true;
  // Where training here differs from the build's (another kernel) or cannot run, one sentence says so.
  const {line: support, tell} = supportLine("0.5rem 0 0");
  const note = `Training downloads the ${count(all)} training and ${count(settings.testSamples)} test images once: ${megabytes(downloadSize())}.`;
  // The heading is a section of the page, under its h1.
  const root = html`<div class="card try-panel">
    <h2>${options.title ?? "Try another setting"}</h2>
    <div class="controls">${controls.elements}</div>
    ${status}
    <div style="display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center;">${[train, reproduce, stop, copyLink()]}</div>
    ${support}
    <p class="download-note" style="font-size: 13px; color: var(--theme-foreground-muted); margin: 0.5rem 0 0;">${note}</p>
  </div>` as HTMLDivElement & {value: ReaderRun | null};
  root.value = null;
  const show = (run: ReaderRun | null) => {
    root.value = run;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const write = (line: Node | string) => status.replaceChildren(line);

  let worker: Worker | undefined;
  let running = false;
  let stopping: AbortController | undefined;
  let current = 0; // the run whose reports the panel shows; a new setting or run supersedes it
  let started: HTMLButtonElement = train; // the button that started the run, where focus returns from Stop
  const setRunning = (on: boolean) => {
    running = on;
    // Train and Reproduce stay focusable while a run goes on (see live-status.ts); Stop is
    // disabled between runs, and a keyboard user who pressed it is taken back to the button
    // that started the run rather than dropped to <body>.
    const stopFocused = document.activeElement === stop;
    stop.disabled = !on;
    setPressable(train, !on);
    setPressable(reproduce, !on);
    if (!on && stopFocused) started.focus();
  };

  let touched = controls.fromUrl;
  /** Shows the stored run for the current settings, or offers to train. */
  const update = () => {
    if (running) {
      stopping?.abort(); // a new setting ends the old run
      current++;
    }
    const run = controls.read();
    const described = describeTry(run, vary, all);
    const stored = storedEpochs(scores, settings, fixed, run);
    reproduce.hidden = !stored.length;
    train.hidden = stored.length > 0;
    if (!stored.length) {
      write(untrainedLine(described));
      return show(null);
    }
    write(storedLine(described, stored.at(-1)!, !options.title));
    // Nothing is drawn over the chart until the reader picks a setting (here or in the URL).
    const points = pointsOf(
      x,
      run,
      stored.map((d) => ({epoch: d.epoch, score: d.testScore}))
    );
    show(touched ? {label: `stored run: ${described}`, stored: true, points} : null);
  };
  for (const control of controls.elements)
    control.addEventListener("input", (event) => {
      if (event.target !== root) event.stopPropagation(); // the panel reports its own value
      touched = true;
      update();
    });

  const buildKernel = settings.kernel ?? DEFAULT_KERNEL;
  const start = async (mode: "train" | "reproduce") => {
    const button = mode === "train" ? train : reproduce;
    if (running || !pressable(button)) return;
    started = button;
    setRunning(true); // before any await: a second press does not start a second run
    stopping = new AbortController();
    const {signal} = stopping;
    const token = ++current;
    const say = (line: Node | string) => token === current && write(line); // a superseded run says nothing
    const run = controls.read();
    const described = describeTry(run, vary, all);
    const chosen = await trainingKernel(buildKernel, true);
    if (chosen.note) tell(chosen.note);
    let received = 0;
    const progress = throttled(say); // a line a second at most: each can be read out
    progress("Downloading the training and test images…");
    const trainingProgress = throttled(say); // its first line is shown at once
    const epochs: EpochScore[] = [];
    try {
      const {train: images, test} = await trainingData((bytes) => {
        received += bytes;
        progress(`Downloading the training and test images: ${megabytes(received)}…`);
      }).catch((error: Error) => {
        throw new Error(`Could not load the images: ${error.message}`);
      });
      worker ??= new Worker(await trainWorker.url());
      const result = await trainInWorker(
        worker,
        {...run, kernel: chosen.kernel, train: images, test, score: "epoch"},
        {
          signal,
          onProgress: (p) => trainingProgress(progressLine(described, p, epochs.at(-1))),
          onEpoch: ({epoch, score}) => {
            epochs.push({epoch, score});
            if (token === current) show({label: `your run: ${described}`, points: pointsOf(x, run, epochs)});
          },
          onKernel: (_, wanted) => tell(fallbackNote(wanted, true))
        }
      );
      if (result.stopped) say(stoppedLine(result.seen, epochs.at(-1)));
      else {
        const trainingSeconds = result.epochs.at(-1)?.trainingSeconds ?? 0;
        const timing = `${(trainingSeconds / run.epochs).toFixed(2)} s of training per epoch`;
        const stored = storedEpochs(scores, settings, fixed, run);
        say(
          mode === "reproduce"
            ? verdictLine(stored, epochs, {browser: result.kernel, build: buildKernel}, timing)
            : finishedLine(described, epochs.at(-1), timing)
        );
      }
    } catch (error) {
      // Stopped before training began (a superseded run says nothing: the new setting's line stays).
      say(signal.aborted ? "Stopped before training began." : (error as Error).message);
    }
    setRunning(false);
  };
  train.addEventListener("click", () => start("train"));
  reproduce.addEventListener("click", () => start("reproduce"));
  stop.addEventListener("click", () => stopping?.abort());
  invalidation.then(() => worker?.terminate());
  update();
  const unavailable = trainingUnavailable();
  if (unavailable) {
    train.disabled = reproduce.disabled = true;
    tell(unavailable);
  } else {
    void trainingKernel(buildKernel, true).then(({note}) => note && tell(note)); // said before any click
  }
  return root;
}
