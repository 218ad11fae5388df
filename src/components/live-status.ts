// What keeps the training panels usable by keyboard and screen reader. A status line is a live
// region made once and updated in place: a screen reader announces a change to a region's
// text, not a region put in place of another. A button that must not be pressed while a run
// goes on is marked aria-disabled, not disabled: a disabled button loses the keyboard focus,
// which falls to <body>, and the reader loses their place on the page.
import {html} from "htl";

/** A status line (role="status", polite) that screen readers read whenever its content changes. */
export function statusLine(className = "status"): HTMLDivElement {
  // aria-atomic: the whole line is read, not just the words that changed.
  return html`<div class=${className} role="status" aria-live="polite" aria-atomic="true"></div>` as HTMLDivElement;
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
 * A progress line's writer that lets through the first line (text or markup) and then one a
 * second at most, so a screen reader has time to read each; `write(line, true)` always writes.
 */
export function throttled<T>(write: (line: T) => void, interval = 1000): (line: T, now?: boolean) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (line, now = false) => {
    const time = performance.now();
    if (!now && time - last < interval) return;
    last = time;
    write(line);
  };
}
