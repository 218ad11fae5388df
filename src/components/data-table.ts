// Inputs.table that every reader can scroll: on a phone a wide table scrolls sideways inside
// its form, and a scrolling region a keyboard cannot reach fails WCAG 2.1.1 (axe-core's
// scrollable-region-focusable). The form takes focus and is named as a region.
import * as Inputs from "@observablehq/inputs";

/** `Inputs.table(rows, options)`, focusable with the keyboard and named `label` for screen readers. */
export function dataTable<T>(rows: T[], options: Record<string, unknown> & {label: string}): HTMLElement {
  const {label, ...tableOptions} = options;
  const table = Inputs.table(rows, tableOptions) as HTMLElement;
  table.tabIndex = 0;
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", label);
  return table;
}
