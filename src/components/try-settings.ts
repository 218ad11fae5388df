// What the try panel (try-panel.ts) decides without a page: whether the build stored a run,
// how a run is described, and the points it draws. Plain functions, tested in Node.
import type {Init} from "../lib/network.js";
import type {Row} from "./arrow.js";

/** The settings of one run, as the panel's controls set them. */
export interface TrySettings {
  lr: number;
  epochs: number;
  hidden: number;
  init: Init;
  seed: number;
  /** Training images: the first `images` of the dataset's (settings.trainImages). */
  images: number;
}

/** The settings a page can let the reader vary. */
export type Varied = "lr" | "epochs" | "hidden";

/** The smaller training set the panel offers, a sixth of MNIST's, when the dataset has more. */
export const SUBSET = 10000;
export const count = (n: number) => n.toLocaleString("en");
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * The training images the panel offers, from the dataset's count (a settings row's `trainImages`):
 * all of them, and the first SUBSET when there are more, each with its label.
 */
export function imageChoices(all: number): [label: string, images: number][] {
  if (!(Number.isInteger(all) && all > 0))
    throw new Error(`try panel: the settings row's trainImages is ${all}, not a number of images`);
  return all > SUBSET
    ? [
        [`all ${count(all)}`, all],
        [`first ${count(SUBSET)} (${Math.round(all / SUBSET)} times faster)`, SUBSET]
      ]
    : [[`all ${count(all)}`, all]];
}

/** The stored epochs of a run with these settings, in epoch order (empty if the build did not train it). */
export function storedEpochs(scores: Row[], settings: Row, fixed: Partial<TrySettings>, run: TrySettings): Row[] {
  if (run.images !== settings.trainSamples || run.init !== (fixed.init ?? "Normal")) return [];
  const rows = scores
    .filter(
      (d) =>
        d.lr === run.lr &&
        d.seed === run.seed &&
        (d.hidden ?? fixed.hidden ?? 100) === run.hidden &&
        d.epoch <= run.epochs
    )
    .sort((a, b) => a.epoch - b.epoch);
  return rows.length === run.epochs ? rows : [];
}

/** The words for a run in the legend and the status line; `all` is the dataset's training images. */
export function describeTry(run: TrySettings, vary: Varied[], all: number): string {
  const parts = [
    vary.includes("lr") ? `lr ${run.lr}` : "",
    vary.includes("hidden") ? `${run.hidden} hidden` : "",
    vary.includes("epochs") ? `${run.epochs} epoch${run.epochs === 1 ? "" : "s"}` : "",
    run.init === "Normal" ? "" : `${run.init} weights`,
    `seed ${run.seed}`
  ].filter(Boolean);
  return parts.join(", ") + (run.images < all ? ` (first ${count(run.images)} images)` : "");
}

/** The points a run draws: its curve over epochs, or one point after its last epoch. */
export function pointsOf(x: "lr" | "hidden" | "epoch", run: TrySettings, epochs: {epoch: number; score: number}[]) {
  if (x === "epoch") return epochs.map((e) => ({x: e.epoch, y: e.score}));
  const last = epochs.find((e) => e.epoch === run.epochs);
  return last ? [{x: run[x], y: last.score}] : [];
}
