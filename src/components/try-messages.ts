// What the try panel's status line says, as markup (htl escapes every value put in): the
// stored run or the offer to train, progress, and how a run ended. Each is one line of text,
// written in place in the panel's live region (see live-status.ts), so it is read out whole.
import {html} from "htl";
import type {KernelName} from "../lib/kernels.js";
import type {Row} from "./arrow.js";
import type {TrainProgress} from "./train-in-worker.js";
import {count} from "./try-settings.js";

/** A test score after an epoch, as the panel keeps them. */
export type EpochScore = {epoch: number; score: number};

/** The build trained this setting: its score, and (under a chart) that it is highlighted there. */
export const storedLine = (run: string, last: Row, onChart: boolean) =>
  html`<span>Stored by the build: <strong>${run}</strong>, test score <strong class="score" data-score=${last.testScore}>${last.testScore}</strong> after epoch ${last.epoch}. ${onChart ? "Highlighted on the chart; retrain" : "Retrain"} it here to check the number.</span>`;

/** The build did not train this setting: the reader can. */
export const untrainedLine = (run: string) =>
  html`<span>The build did not train <strong>${run}</strong>. Train it here, with the build's engine.</span>`;

/** Where training is: epoch, samples, seconds, an estimate of the time left, the last epoch's score. */
export function progressLine(run: string, p: TrainProgress, last: EpochScore | undefined): string {
  const done = p.seen / p.total;
  const left = done > 0 ? (p.seconds / done) * (1 - done) : Number.NaN;
  return (
    `Training ${run}: epoch ${p.epoch} of ${p.epochs}, ${count(p.seen)} of ${count(p.total)} samples, ${p.seconds.toFixed(1)} s` +
    (Number.isFinite(left) ? `, about ${left.toFixed(1)} s left` : "") +
    (last ? `; test score after epoch ${last.epoch}: ${last.score}` : "")
  );
}

/** A run the reader stopped: how far it got. */
export const stoppedLine = (seen: number, last: EpochScore | undefined) =>
  `Stopped after ${count(seen)} samples${last ? ` (test score after epoch ${last.epoch}: ${last.score})` : ""}.`;

/** A new setting's run, finished: its score and the training time per epoch. */
export const finishedLine = (run: string, last: EpochScore | undefined, timing: string) =>
  html`<span>Your run, ${run}: test score <strong class="score" data-score=${last?.score}>${last?.score}</strong> after epoch ${last?.epoch} (${timing}).</span>`;

/**
 * A stored run retrained: "Identical" when every epoch's score equals the build's, digit for
 * digit, with the pairs compared, and what another kernel than the build's means for that.
 */
export function verdictLine(
  stored: Row[],
  epochs: EpochScore[],
  kernels: {browser: KernelName; build: KernelName},
  timing: string
): HTMLElement {
  const same = stored.every((d, i) => epochs[i]?.score === d.testScore);
  const pairs = stored.map((d, i) => `epoch ${d.epoch}: ${epochs[i]?.score} (browser) vs ${d.testScore} (build)`);
  const other =
    kernels.browser === kernels.build
      ? ""
      : ` The browser trained with the ${kernels.browser} kernel and the build with ${kernels.build}` +
        (same
          ? ": the scores agree even so."
          : ": kernels round differently, so a difference in the last digits is expected.");
  const says = same
    ? "the browser's test score equals the build's, digit for digit"
    : "the browser's test score differs from the build's";
  return html`<span><strong class="verdict" data-identical=${String(same)} data-kernel=${kernels.browser}>${same ? "Identical" : "Different"}</strong>: ${says} (${pairs.join("; ")}; ${timing}).${other}</span>`;
}
