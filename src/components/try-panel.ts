// "Try another setting": a panel under an experiment's chart where the reader sets what the
// page varies (learning rate, epochs, hidden nodes) plus initial weights, seed and data. A
// setting the build trained is shown at once from the page's own results; any other trains in
// a Web Worker with the build's engine and kernel, epoch by epoch, with progress and Stop.
// A stored run can also be retrained ("Reproduce") and compared with the build, digit for digit.
// The panel is an input for Framework's view(): its value is the run to draw (lineChart's
// `reader` option), or null. Every control is kept in the page's URL.
import * as Inputs from "@observablehq/inputs";
import {DEFAULT_KERNEL} from "../lib/kernels.js";
import type {TrainReport, TrainRequest} from "../playground/train-worker.js";
import type {Row} from "./arrow.js";
import {fallbackNote, supportLine, trainingKernel, trainingUnavailable, WORKER_FAILED} from "./browser-support.js";
import {element} from "./element.js";
import {labelledRange} from "./labelled-range.js";
import {pressable, setPressable, statusLine, throttled} from "./live-status.js";
import type {ReaderRun} from "./line-chart.js";
import {trainingData, downloadSize, trainWorker} from "./training-data.js";
import {
  count,
  describeTry,
  imageChoices,
  megabytes,
  pointsOf,
  storedEpochs,
  type TrySettings,
  type Varied
} from "./try-settings.js";
import {copyLink, urlState} from "./url-state.js";

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
  /** Framework's invalidation promise: the worker ends with the page. */
  invalidation: Promise<unknown>;
  /** The panel's heading (default "Try another setting"); a page without a chart to draw on gives its own. */
  title?: string;
}

export function tryPanel(options: TryPanelOptions): HTMLElement & {value: ReaderRun | null} {
  const {scores, settings, vary, fixed, x, invalidation} = options;
  const first = scores[0] ?? {};
  // What the build's dataset holds, from the settings row (the downloads hold the same files).
  const choices = imageChoices(settings.trainImages);
  const all = settings.trainImages as number;
  const defaults: TrySettings = {
    lr: fixed.lr ?? first.lr ?? 0.1,
    epochs: fixed.epochs ?? (x === "epoch" ? Math.max(...scores.map((d) => d.epoch)) : (first.epoch ?? 1)),
    hidden: fixed.hidden ?? first.hidden ?? 100,
    init: fixed.init ?? "Normal",
    seed: 1,
    images: all
  };
  const controls: Record<string, HTMLElement & {value: unknown}> = {};
  if (vary.includes("lr"))
    controls.lr = labelledRange([0.001, 1], {label: "Learning rate", value: defaults.lr, step: 0.001});
  if (vary.includes("epochs"))
    controls.epochs = labelledRange([1, 30], {label: "Epochs", value: defaults.epochs, step: 1});
  if (vary.includes("hidden"))
    controls.hidden = labelledRange([1, 1000], {label: "Hidden nodes", value: defaults.hidden, step: 1});
  controls.init = Inputs.radio(["Normal", "Rand"], {label: "Initial weights", value: defaults.init});
  controls.seed = Inputs.number([1, 1e6], {label: "Seed", value: 1, step: 1});
  controls.images = Inputs.radio(new Map(choices), {label: "Training images", value: all});
  for (const [key, control] of Object.entries(controls)) urlState(control, `try-${key}`);
  const read = (): TrySettings => ({
    ...defaults,
    ...Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]))
  });

  const root = element("div", {className: "card try-panel"}) as HTMLDivElement & {value: ReaderRun | null};
  const heading = element("h2", {textContent: options.title ?? "Try another setting"}); // a section of the page, under its h1
  const form = element("div", {className: "controls"});
  form.append(...Object.values(controls));
  const status = statusLine(); // progress and the verdict, read out by screen readers
  status.style.cssText = "font: 14px var(--sans-serif); margin: 0.5rem 0; min-height: 2.8em;";
  const train = element("button", {type: "button", name: "train", textContent: "▶ Train in your browser"});
  const reproduce = element("button", {type: "button", name: "reproduce", textContent: "↻ Reproduce in your browser"});
  const stop = element("button", {type: "button", name: "stop", textContent: "■ Stop", disabled: true});
  const buttons = element("div");
  buttons.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center;";
  buttons.append(train, reproduce, stop, copyLink());
  const note = element("p", {className: "download-note"});
  note.style.cssText = "font-size: 13px; color: var(--theme-foreground-muted); margin: 0.5rem 0 0;";
  note.textContent = `Training downloads the ${count(all)} training and ${count(settings.testSamples)} test images once: ${megabytes(downloadSize())}.`;
  // Where training here differs from the build's (another kernel) or cannot run, one sentence says so.
  const {line: support, tell} = supportLine("0.5rem 0 0");
  root.append(heading, form, status, buttons, support, note);
  root.value = null;
  const show = (run: ReaderRun | null) => {
    root.value = run;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };

  let worker: Worker | undefined;
  let sent = false; // the worker keeps the images after the first run
  let running = false;
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
  const html = (text: string) => {
    status.innerHTML = text;
  };

  let touched = Object.keys(controls).some((key) => new URLSearchParams(location.search).has(`try-${key}`));
  /** Shows the stored run for the current settings, or offers to train. */
  const update = () => {
    if (running) {
      worker?.postMessage({type: "stop"}); // a new setting ends the old run
      current++;
    }
    const run = read();
    const stored = storedEpochs(scores, settings, fixed, run);
    reproduce.hidden = !stored.length;
    train.hidden = stored.length > 0;
    if (stored.length) {
      const last = stored.at(-1)!;
      html(
        `Stored by the build: <strong>${describeTry(run, vary, all)}</strong>, test score ` +
          `<strong class="score" data-score="${last.testScore}">${last.testScore}</strong> after epoch ${last.epoch}. ` +
          `${options.title ? "Retrain" : "Highlighted on the chart; retrain"} it here to check the number.`
      );
      // Nothing is drawn over the chart until the reader picks a setting (here or in the URL).
      show(
        !touched
          ? null
          : {
              label: `stored run: ${describeTry(run, vary, all)}`,
              stored: true,
              points: pointsOf(
                x,
                run,
                stored.map((d) => ({epoch: d.epoch, score: d.testScore}))
              )
            }
      );
    } else {
      html(
        `The build did not train <strong>${describeTry(run, vary, all)}</strong>. Train it here, with the build's engine.`
      );
      show(null);
    }
  };
  for (const control of Object.values(controls))
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
    const run = read();
    const chosen = await trainingKernel(buildKernel, true);
    let kernel = chosen.kernel; // the kernel the worker trains with
    if (chosen.note) tell(chosen.note);
    const stored = mode === "reproduce" ? storedEpochs(scores, settings, fixed, run) : [];
    let received = 0;
    const progress = throttled(html); // a line a second at most: each can be read out
    progress("Downloading the training and test images…");
    let data: Awaited<ReturnType<typeof trainingData>>;
    try {
      data = await trainingData((bytes) => {
        received += bytes;
        progress(`Downloading the training and test images: ${megabytes(received)}…`);
      });
    } catch (error) {
      html(`Could not load the images: ${(error as Error).message}`);
      setRunning(false);
      return;
    }
    worker ??= new Worker(await trainWorker.url());
    worker.onerror = () => {
      html(WORKER_FAILED);
      setRunning(false);
    };
    const token = ++current;
    const epochs: {epoch: number; score: number}[] = [];
    const label = `your run: ${describeTry(run, vary, all)}`;
    let trainingSeconds = 0;
    const trainingProgress = throttled(html);
    worker.onmessage = ({data: report}: MessageEvent<TrainReport>) => {
      if (token !== current) {
        if (report.type === "done" || report.type === "error") setRunning(false); // superseded: its end only frees the buttons
        return;
      }
      if (report.type === "progress") {
        const done = report.seen / report.total;
        const left = done > 0 ? (report.seconds / done) * (1 - done) : Number.NaN;
        trainingProgress(
          `Training ${describeTry(run, vary, all)}: epoch ${report.epoch} of ${report.epochs}, ` +
            `${count(report.seen)} of ${count(report.total)} samples, ${report.seconds.toFixed(1)} s` +
            (Number.isFinite(left) ? `, about ${left.toFixed(1)} s left` : "") +
            (epochs.length ? `; test score after epoch ${epochs.at(-1)!.epoch}: ${epochs.at(-1)!.score}` : "")
        );
      } else if (report.type === "epoch") {
        epochs.push({epoch: report.epoch, score: report.score});
        trainingSeconds = report.trainingSeconds;
        show({label, points: pointsOf(x, run, epochs)});
      } else if (report.type === "done") {
        setRunning(false);
        const last = epochs.at(-1);
        if (report.stopped) {
          html(
            `Stopped after ${count(report.seen)} samples${last ? ` (test score after epoch ${last.epoch}: ${last.score})` : ""}.`
          );
          return;
        }
        const timing = `${(trainingSeconds / run.epochs).toFixed(2)} s of training per epoch`;
        if (mode === "reproduce") {
          const same = stored.every((d, i) => epochs[i]?.score === d.testScore);
          const pairs = stored.map(
            (d, i) => `epoch ${d.epoch}: ${epochs[i]?.score} (browser) vs ${d.testScore} (build)`
          );
          const kernels =
            kernel === buildKernel
              ? ""
              : ` The browser trained with the ${kernel} kernel and the build with ${buildKernel}` +
                (same
                  ? ": the scores agree even so."
                  : ": kernels round differently, so a difference in the last digits is expected.");
          html(
            `<strong class="verdict" data-identical="${same}" data-kernel="${kernel}">${same ? "Identical" : "Different"}</strong>: ` +
              `${same ? "the browser's test score equals the build's, digit for digit" : "the browser's test score differs from the build's"} ` +
              `(${pairs.join("; ")}; ${timing}).${kernels}`
          );
        } else {
          html(
            `Your run, ${describeTry(run, vary, all)}: test score <strong class="score" data-score="${last?.score}">${last?.score}</strong> ` +
              `after epoch ${last?.epoch} (${timing}).`
          );
        }
      } else if (report.type === "kernel") {
        kernel = report.kernel;
        tell(fallbackNote(report.wanted, true));
      } else if (report.type === "error") {
        setRunning(false);
        html(`Training failed: ${report.message}`);
      }
    };
    const request: TrainRequest = {
      type: "start",
      lr: run.lr,
      hidden: run.hidden,
      init: run.init,
      epochs: run.epochs,
      seed: run.seed,
      kernel,
      images: run.images,
      score: "epoch",
      ...(sent ? {} : data)
    };
    worker.postMessage(request);
    sent = true;
  };
  train.addEventListener("click", () => start("train"));
  reproduce.addEventListener("click", () => start("reproduce"));
  stop.addEventListener("click", () => worker?.postMessage({type: "stop"}));
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
