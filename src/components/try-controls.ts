// The try panel's controls: one for each setting the page varies (learning rate, epochs,
// hidden nodes), plus initial weights, seed and training images, each kept in the page's URL
// (?try-lr=0.4). Their defaults are the page's own run: what it fixes, else its first stored row.
import * as Inputs from "@observablehq/inputs";
import type {Row} from "./arrow.js";
import {labelledRange} from "./labelled-range.js";
import {imageChoices, type TrySettings, type Varied} from "./try-settings.js";
import {urlState} from "./url-state.js";

export interface TryControls {
  /** The controls, in the order they are shown. */
  elements: (HTMLElement & {value: unknown})[];
  /** The settings the controls show now, with the page's fixed ones for the rest. */
  read: () => TrySettings;
  /** Whether the page's URL set any of them (then the stored run is drawn on the chart at once). */
  fromUrl: boolean;
}

/**
 * The controls for `vary`, defaulting to `fixed` and the page's stored `scores`; `all` is the
 * dataset's training images; `x` "epoch" (a curve over epochs) defaults epochs to the longest
 * stored run. Bound to the URL until `invalidation`.
 */
export function tryControls(
  {scores, vary, fixed, x}: {scores: Row[]; vary: Varied[]; fixed: Partial<TrySettings>; x: string},
  all: number,
  invalidation: Promise<unknown>
): TryControls {
  const first = scores[0] ?? {};
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
  controls.images = Inputs.radio(new Map(imageChoices(all)), {label: "Training images", value: all});
  for (const [key, control] of Object.entries(controls)) urlState(control, `try-${key}`, invalidation);
  const search = new URLSearchParams(location.search);
  return {
    elements: Object.values(controls),
    read: () => ({...defaults, ...Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]))}),
    fromUrl: Object.keys(controls).some((key) => search.has(`try-${key}`))
  };
}
