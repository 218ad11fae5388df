// A blank Chromium page with some of src/components/ bundled into it (esbuild, as a page would
// load them) and their exports on globalThis, for the component tests (*-chart.e2e.ts and the
// like): each file loads only the components it tests. Registers its own beforeAll/afterAll,
// and fails the file if the page threw.
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, expect} from "vitest";
import {browserScript, launch} from "./browser.js";

/** What `render` reports of the element it drew: its marks, axes, title, labels, legend, canvases and captions. */
export interface Rendered {
  marks: number;
  ticks: number;
  title: string;
  axisLabels: string[];
  legend: string[];
  tooltips: string[];
  canvases: number;
  captions: string[];
}

/** Sets up a page with the components named (file names in src/components/, without .ts). */
export function componentPage(names: string[]) {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    const bundle = await browserScript(
      names
        .map((name, i) => `import * as m${i} from "./src/components/${name}.ts"; Object.assign(globalThis, m${i});`)
        .join("\n")
    );
    browser = await launch();
    page = await browser.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.setContent("<main></main>");
    await page.addScriptTag({content: bundle});
  });
  afterAll(async () => {
    expect(errors).toEqual([]);
    await browser?.close();
  });

  /** Renders `code` (an expression using the components) into the page's <main> and describes the result. */
  const render = (code: string): Promise<Rendered> =>
    page.evaluate((source) => {
      const main = document.querySelector("main")!;
      main.replaceChildren(new Function(`return ${source}`)());
      const text = (selector: string) => Array.from(main.querySelectorAll(selector), (e) => e.textContent ?? "");
      return {
        marks: main.querySelectorAll(".marks > *").length,
        ticks: main.querySelectorAll(".x-axis .tick, .y-axis .tick").length,
        title: text(".chart-title")[0] ?? "",
        axisLabels: text(".x-axis > text, .y-axis > text"),
        legend: text(".legend-item > text, .legend > text"),
        tooltips: text("title"),
        canvases: main.querySelectorAll("canvas").length,
        captions: text("figcaption")
      };
    }, code);
  return {page: () => page, render};
}
