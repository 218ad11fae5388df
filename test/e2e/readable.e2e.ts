// Readable by everyone, in Chromium, on every built page: axe-core finds no serious or critical
// WCAG 2.1 AA violation (light and dark theme; 320, 390, 1280 and 1600 px), no chart text overlaps
// other text or leaves its chart, and the layout does not jump while the page loads
// (cumulative layout shift at most 0.1, as web.dev's "good"). Firefox's chart-text check is in
// firefox.e2e.ts.
import {readdirSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";
import {CHART_TEXT_FAULTS, type ChartTextFault} from "./chart-text.js";
import {site, useBuiltSite} from "./built-site.js";

const pages = readdirSync(site).filter((f) => f.endsWith(".html") && f !== "404.html");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Records layout shifts from navigation on; `window.__cls()` is the page's CLS as browsers
 * report it: the largest session window (shifts less than 1 s apart, at most 5 s long) of shifts
 * not caused by input (https://web.dev/articles/cls).
 */
const LAYOUT_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push([entry.startTime, entry.value]);
  }).observe({type: "layout-shift", buffered: true});
  window.__cls = () => {
    let best = 0, sum = 0, start = -Infinity, last = -Infinity;
    for (const [time, value] of window.__shifts) {
      if (time - last > 1000 || time - start > 5000) { sum = 0; start = time; }
      sum += value; last = time;
      best = Math.max(best, sum);
    }
    return best;
  };
`;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: {target: string[]}[];
}

describe("readable by everyone (Chromium)", () => {
  const built = useBuiltSite();

  for (const name of pages) {
    it(`${name}: no serious or critical axe-core violations, chart text that fits, CLS at most 0.1`, async () => {
      for (const [width, colorScheme] of [
        [1280, "light"],
        [390, "light"],
        [1280, "dark"],
        [320, "light"],
        [1600, "light"]
      ] as const) {
        const page = await built.browser.newPage({viewport: {width, height: 900}, colorScheme});
        try {
          await page.addInitScript(LAYOUT_SHIFTS);
          await page.goto(`${built.url}/${name}`, {waitUntil: "networkidle"});
          await page.waitForTimeout(1500); // late shifts: a chart drawn after its data, a status line
          const where = `${name} at ${width} px, ${colorScheme}`;
          // Everything drawn (nothing still loading, no chart waiting for its width), so the
          // checks below see the whole page and none of it is held back unseen (style.css).
          expect(
            await page.evaluate(
              `document.querySelectorAll("#observablehq-main observablehq-loading, #observablehq-main .card > div:empty:first-child").length`
            ),
            `${where}: blocks still loading`
          ).toBe(0);
          expect(await page.evaluate("window.__cls()"), `${where}: cumulative layout shift`).toBeLessThanOrEqual(0.1);
          const faults = (await page.evaluate(CHART_TEXT_FAULTS)) as ChartTextFault[];
          expect(faults, `${where}: chart text`).toEqual([]);
          await page.addScriptTag({content: axeSource});
          const {violations} = (await page.evaluate("axe.run(document, {resultTypes: ['violations']})")) as {
            violations: AxeViolation[];
          };
          const serious = violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          expect(serious, `${where}: axe-core`).toEqual([]);
        } finally {
          await page.close();
        }
      }
    });
  }
});
