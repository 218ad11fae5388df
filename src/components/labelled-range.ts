// Sliders with a name a screen reader can say. Inputs.range makes a number field, which its
// <label> names, and a range slider beside it, which nothing names (axe-core's "label" rule):
// every slider on the site gets its control's label text as aria-label here.
import * as Inputs from "@observablehq/inputs";

/** Gives each range slider in `control` the accessible name `label` (default: the control's <label> text); returns `control`. */
export function nameSliders<T extends Element>(control: T, label?: string): T {
  const name = (label ?? control.querySelector("label")?.textContent ?? "").trim();
  for (const slider of control.querySelectorAll("input[type=range]")) slider.setAttribute("aria-label", name);
  return control;
}

/** Inputs.range, with its slider named by its label as well as its number field. */
export function labelledRange(
  extent: [number, number],
  options: Parameters<typeof Inputs.range>[1] & {label: string}
): ReturnType<typeof Inputs.range> {
  return nameSliders(Inputs.range(extent, options), options.label);
}
