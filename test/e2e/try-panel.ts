// The try panel as a reader uses it: its number fields and its status line.
import type {Page} from "playwright-core";

/** Sets an Inputs control in the try panel (its number field) as a reader typing would. */
export async function setTry(page: Page, label: string, value: string): Promise<void> {
  const field = page.locator(".try-panel form", {hasText: label}).locator("input[type=number]");
  await field.fill(value);
  await field.dispatchEvent("input");
}

/** The try panel's status line. */
export const tryStatus = (page: Page) => page.locator(".try-panel .status").textContent();
