// A test-image picker: a number field and buttons that jump to the previous or next image the
// network gets wrong. An input for Framework's view(): its value is the picked index.
import {html} from "htl";

export interface TestPickerOptions {
  /** How many test images there are (indices 0 .. count - 1). */
  count: number;
  /** Whether the network misreads image i (asked lazily, as the buttons search). */
  wrong: (i: number) => boolean;
  /** The index shown first; 0 unless given. */
  value?: number;
}

export function testPicker({count, wrong, value = 0}: TestPickerOptions): HTMLFormElement & {value: number} {
  const button = (name: string, text: string, step: number) => {
    const element = html`<button type="button" name=${name}>${text}</button>`;
    element.addEventListener("click", () => set(nextWrong(form.value, step)));
    return element;
  };
  const field =
    html`<input name="index" type="number" min="0" max=${count - 1} style="width: 6em;">` as HTMLInputElement;
  const form =
    html`<form class="picker" style="display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; font: 13px sans-serif;">
    <label>Test image ${field} of ${count.toLocaleString("en")}</label>
    ${button("previous", "◀ Previous misclassified", -1)}
    ${button("next", "Next misclassified ▶", 1)}
  </form>` as HTMLFormElement & {value: number};

  /** The next image after `from` (in `step` direction) that the network gets wrong, else `from`. */
  function nextWrong(from: number, step: number): number {
    for (let i = from + step; i >= 0 && i < count; i += step) if (wrong(i)) return i;
    return from;
  }
  // Setting value (as a URL restore does) clamps it and shows it in the field.
  let current = 0;
  Object.defineProperty(form, "value", {
    get: () => current,
    set: (i: number) => {
      current = Math.max(0, Math.min(count - 1, Math.round(i)));
      field.value = String(current);
    }
  });
  function set(i: number, notify = true): void {
    form.value = i;
    if (notify) form.dispatchEvent(new Event("input", {bubbles: true}));
  }
  field.addEventListener("input", (event) => {
    event.stopPropagation(); // the form reports the clamped index, not the raw text
    if (Number.isInteger(field.valueAsNumber)) set(field.valueAsNumber);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  set(value, false);
  return form;
}
