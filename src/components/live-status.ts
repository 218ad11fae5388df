// What keeps the training panels usable by keyboard and screen reader. A status line is a live
// region made once and updated in place: a screen reader announces a change to a region's
// text, not a region put in place of another. A button that must not be pressed while a run
// goes on is marked aria-disabled, not disabled: a disabled button loses the keyboard focus,
// which falls to <body>, and the reader loses their place on the page.
import {element} from "./element.js";

/** A status line (role="status", polite) that screen readers read whenever its content changes. */
export function statusLine(className = "status"): HTMLDivElement {
  const line = element("div", {className});
  line.setAttribute("role", "status");
  line.setAttribute("aria-live", "polite");
  line.setAttribute("aria-atomic", "true"); // the whole line, not just the words that changed
  return line;
}

/** Marks `button` as not to be pressed (or pressable again) while keeping it focusable; its click handler checks `pressable`. */
export function setPressable(button: HTMLButtonElement, on: boolean): void {
  if (on) button.removeAttribute("aria-disabled");
  else button.setAttribute("aria-disabled", "true");
  button.style.opacity = on ? "" : "0.5";
  button.style.cursor = on ? "" : "not-allowed";
}

/** Whether `button` may be pressed now: neither disabled nor aria-disabled. */
export function pressable(button: HTMLButtonElement): boolean {
  return !button.disabled && button.getAttribute("aria-disabled") !== "true";
}

/**
 * A progress line's writer that lets through the first text and then one a second at most,
 * so a screen reader has time to read each; `write(text, true)` always writes (a final line).
 */
export function throttled(write: (text: string) => void, interval = 1000): (text: string, now?: boolean) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (text, now = false) => {
    const time = performance.now();
    if (!now && time - last < interval) return;
    last = time;
    write(text);
  };
}
