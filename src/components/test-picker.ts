// A test-image picker: a number field and buttons that jump to the previous or next image the
// network gets wrong. An input for Framework's view(): its value is the picked index.

export interface TestPickerOptions {
  /** How many test images there are (indices 0 .. count - 1). */
  count: number;
  /** Whether the network misreads image i (asked lazily, as the buttons search). */
  wrong: (i: number) => boolean;
  /** The index shown first; 0 unless given. */
  value?: number;
}

export function testPicker({count, wrong, value = 0}: TestPickerOptions): HTMLFormElement & {value: number} {
  const form = document.createElement("form") as HTMLFormElement & {value: number};
  form.className = "picker";
  form.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; font: 13px sans-serif;";
  const label = document.createElement("label");
  const field = document.createElement("input");
  Object.assign(field, {name: "index", type: "number", min: "0", max: String(count - 1)});
  field.style.width = "6em";
  label.append("Test image ", field, ` of ${count.toLocaleString("en")}`);
  const button = (name: string, text: string, step: number) => {
    const element = document.createElement("button");
    Object.assign(element, {type: "button", name, textContent: text});
    element.addEventListener("click", () => set(nextWrong(form.value, step)));
    return element;
  };
  form.append(label, button("previous", "◀ Previous misclassified", -1), button("next", "Next misclassified ▶", 1));

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
