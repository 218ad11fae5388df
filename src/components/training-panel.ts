// The playground's training panel: Start and Stop buttons, a status line and the test score
// drawn as training goes. Training runs in a Web Worker (src/playground/train-worker.ts) with the
// lib/ engine the build trains with, so the page stays responsive.
import * as d3 from "d3";
import type {LabelledImages} from "../lib/mnist.js";
import {createNetwork, type Init, query} from "../lib/network.js";
import {scaleInput} from "../lib/scaling.js";
import {argmax} from "../lib/training.js";
import {html} from "htl";
import type {TrainRequest} from "../playground/train-worker.js";
import {fallbackNote, supportLine, trainingKernel, trainingUnavailable} from "./browser-support.js";
import {chartFooter} from "./chart-footer.js";
import {countInIdleTime} from "./idle-slice.js";
import {lineChart} from "./line-chart.js";
import {pressable, setPressable, statusLine, throttled} from "./live-status.js";
import {trainInWorker} from "./train-in-worker.js";

/** What the reader set: read when Start is pressed, so changing a setting does not stop a run. */
export interface PanelSettings {
  lr: number;
  hidden: number;
  init: Init;
  epochs: number;
  /** Train on the first `images` of the training images. */
  images: number;
  seed: number;
  kernel: TrainRequest["kernel"];
}

export interface TrainingPanelOptions {
  /** The worker's URL (FileAttachment("data/playground-worker.js").url()). */
  workerUrl: string;
  train: LabelledImages;
  test: LabelledImages;
  settings: () => PanelSettings;
  /** Fires "input" when the settings change (the settings form): the untrained network's score is drawn again. */
  changes?: EventTarget;
  /** Framework's invalidation promise: the worker ends with the cell, and the panel stops listening to `changes`. */
  invalidation: Promise<unknown>;
}

const count = (n: number) => n.toLocaleString("en");

export function trainingPanel({
  workerUrl,
  train,
  test,
  settings,
  changes,
  invalidation
}: TrainingPanelOptions): HTMLElement {
  const start = html`<button type="button" name="start">▶ Start</button>` as HTMLButtonElement;
  const stop = html`<button type="button" name="stop" disabled>■ Stop</button>` as HTMLButtonElement;
  const status = statusLine(); // progress and the final score, read out by screen readers
  status.textContent = "Press Start to train.";
  status.style.cssText = "font: 14px var(--sans-serif); min-height: 2.8em;";
  const chart = html`<div class="chart">`;
  // Where training here uses another kernel than the one chosen, or cannot run, one sentence says so.
  const {line: support, tell} = supportLine("0 0 0.75rem");
  const root = html`<div class="card" id="training-panel">
    <div style="display: flex; gap: 0.75rem; margin-bottom: 0.75rem;">${start}${stop}</div>
    ${support}${status}${chart}
  </div>`;

  let worker: Worker | undefined;
  let points: {seen: number; score: number}[] = [];
  let run: PanelSettings = settings();
  root.append(
    chartFooter(
      {
        rows: () => points.map(({seen, score}) => ({samplesSeen: seen, testScore: score})),
        made: `Computed in your browser: the network trained in a Web Worker with the lib/ engine, scored on the first ${count(test.count)} test images as it trains.`
      },
      {chart: "training"}
    )
  );
  const draw = () =>
    chart.replaceChildren(
      lineChart(points, {
        x: (d) => d.seen,
        y: (d) => d.score,
        xDomain: [0, Math.max(1, run.epochs * Math.min(run.images, train.count))],
        yDomain: [0, 1],
        width: Math.max(320, chart.clientWidth || 640),
        height: 300,
        title: `Score on ${count(test.count)} test images while training`,
        xLabel: "Training samples seen",
        yLabel: "Test score",
        format: d3.format(".3f"),
        tooltip: (d) => `after ${count(d.seen)} samples: ${d.score.toFixed(3)}`
      })
    );
  let running = false;
  // Start stays focusable during a run (see live-status.ts); Stop is disabled after it, and a
  // keyboard user who pressed it is taken back to Start rather than dropped to <body>.
  const finish = () => {
    running = false;
    const stopFocused = document.activeElement === stop;
    setPressable(start, true);
    stop.disabled = true;
    if (stopFocused) start.focus();
  };
  const write = (line: Node | string) => status.replaceChildren(line);
  let progress = throttled(write); // a line a second at most: each can be read out
  const describe = (r: PanelSettings) =>
    `lr ${r.lr}, ${r.hidden} hidden, ${r.init}, ${r.epochs} epoch${r.epochs === 1 ? "" : "s"}, ${count(r.images)} images, seed ${r.seed}`;
  let stopping: AbortController | undefined;
  start.onclick = async () => {
    if (running || !pressable(start)) return;
    previews++; // an untrained score still being counted must not write over this run
    run = {...settings()};
    running = true;
    setPressable(start, false);
    stop.disabled = false;
    const {kernel, note} = await trainingKernel(run.kernel, false);
    if (note) tell(note);
    else support.hidden = true;
    worker ??= new Worker(workerUrl);
    points = [];
    chart.replaceChildren();
    status.textContent = "Starting…";
    progress = throttled(write); // a new run's first progress line is shown at once
    stopping = new AbortController();
    const {lr, hidden, init, epochs, seed, images} = run;
    try {
      const done = await trainInWorker(
        worker,
        {lr, hidden, init, epochs, seed, kernel, images, train, test},
        {
          signal: stopping.signal,
          onKernel: (_, wanted) => tell(fallbackNote(wanted, false)),
          onProgress: (p) => {
            points.push({seen: p.seen, score: p.score});
            progress(
              html`<span>Epoch ${p.epoch} of ${p.epochs}: ${count(p.seen)} of ${count(p.total)} samples, <strong>${p.seen ? count(Math.round(p.samplesPerSecond)) : "–"}</strong> samples/s, test score <strong class="score">${p.score.toFixed(4)}</strong>, ${p.seconds.toFixed(1)} s</span>`
            );
            draw();
          }
        }
      );
      write(
        html`<span>${done.stopped ? "Stopped" : "Done"} after ${count(done.seen)} samples in ${done.seconds.toFixed(1)} s (${count(Math.round(done.samplesPerSecond))} samples/s): test score <strong class="score" data-final=${done.score}>${done.score.toFixed(4)}</strong> on ${count(test.count)} test images (${describe(run)}).</span>`
      );
    } catch (error) {
      write((error as Error).message);
    }
    finish();
  };
  stop.onclick = () => stopping?.abort();
  // Before Start the chart is not blank: its axes and the untrained network's score. The
  // reference code scores the 1,000 test images (about 100 ms in all) in idle-time slices of
  // a few ms, so the page answers input meanwhile; each image as lib/training.ts's evaluate
  // scores it (argmax of query), so the score is the one evaluate gives.
  let previews = 0; // a newer preview (the settings changed again) supersedes an older one
  const preview = async () => {
    if (running) return;
    const token = ++previews;
    run = {...settings()};
    points = [];
    draw(); // the axes at once; the score joins them when it is counted
    const net = createNetwork({inputs: train.size, hidden: run.hidden, outputs: 10, init: run.init, seed: run.seed});
    const x = new Float64Array(test.size);
    const right = (n: number) =>
      argmax(query(net, scaleInput(test.pixels, n * test.size, test.size, x)).output) === test.labels[n];
    let correct = 0;
    for await (const {counted} of countInIdleTime(test.count, right)) {
      if (running || token !== previews) return; // a run started, or the settings changed, meanwhile
      correct = counted;
    }
    points = [{seen: 0, score: correct / test.count}];
    status.textContent = `Press Start to train. Untrained, the network scores ${points[0].score.toFixed(4)}: about one in ten, a guess.`;
    draw();
  };
  changes?.addEventListener("input", preview);
  preview();
  const unavailable = trainingUnavailable();
  if (unavailable) {
    start.disabled = true;
    tell(unavailable);
  } else {
    // Said before Start: the kernel chosen cannot run here, so Start trains with the plain one.
    void trainingKernel(run.kernel, false).then(({note}) => note && tell(note));
  }
  invalidation.then(() => {
    worker?.terminate();
    changes?.removeEventListener("input", preview);
  });
  return root;
}
