import {html} from "htl";
import {nameSliders} from "./labelled-range.js";

export interface PlayerOptions {
  min: number;
  max: number;
  value?: number;
  label?: string;
  /** Milliseconds per step while playing. */
  interval?: number;
}

/**
 * A range slider with a play button that steps through the values. The element has a
 * `value` and fires "input" events, so a page can use it with Framework's view().
 */
export function player({
  min,
  max,
  value = min,
  label = "Value",
  interval = 700
}: PlayerOptions): HTMLFormElement & {value: number} {
  const form =
    html`<form class="player" style="display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; font: 13px sans-serif; max-width: 100%;">
    <button type="button" name="play" style="min-width: 4.5em;">▶ Play</button>
    <label style="display: flex; gap: 0.5rem; align-items: center;">${label}
    <input type="range" name="range" min=${min} max=${max} step="1" value=${value} style="width: min(240px, 45vw);"></label>
    <output name="out">${value}</output>
  </form>` as HTMLFormElement & {value: number};
  nameSliders(form, label); // named like every other slider on the site
  const range = form.querySelector("input")!;
  const button = form.querySelector("button")!;
  const output = form.querySelector("output")!;
  let timer: ReturnType<typeof setInterval> | undefined;
  // Setting value (as a URL restore does) moves the slider and the label too.
  let current = value;
  Object.defineProperty(form, "value", {
    get: () => current,
    set: (v: number) => {
      current = Math.max(min, Math.min(max, Math.round(v)));
      range.value = String(current);
      output.textContent = String(current);
    }
  });
  const set = (v: number) => {
    form.value = v;
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    button.textContent = "▶ Play";
  };
  range.addEventListener("input", (event) => {
    event.stopPropagation();
    stop();
    set(range.valueAsNumber);
  });
  button.addEventListener("click", () => {
    if (timer) return stop();
    button.textContent = "❚❚ Pause";
    if (form.value >= max) set(min);
    timer = setInterval(() => (form.value >= max ? stop() : set(form.value + 1)), interval);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  return form;
}
