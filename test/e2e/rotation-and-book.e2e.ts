// Experiment 7 and the book's numbers in Chromium: what the pages draw and say is what the
// built result files hold.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {site, shots, useBuiltSite} from "./built-site.js";

const built = useBuiltSite();

/** The rows of a built result file, e.g. "exp7-summary". */
function builtRows(name: string): Record<string, any>[] {
  const dir = join(site, "_file", "data");
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".arrow"));
  if (!file) throw new Error(`no ${name} result file in ${dir}`);
  return tableFromIPC(readFileSync(join(dir, file)))
    .toArray()
    .map((row) => row.toJSON());
}

async function open(path: string) {
  const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${built.url}/${path}`, {waitUntil: "networkidle"});
  return {page, problems};
}

describe("Experiment 7: more data by rotation", () => {
  it("draws both variants with bands and one faint curve per seed, and states the result at the last epoch", async () => {
    const {page, problems} = await open("experiment-7");
    const scores = builtRows("exp7-scores");
    const summary = builtRows("exp7-summary");
    const variants = new Set(scores.map((d) => d.variant));
    const curves = new Set(scores.map((d) => `${d.variant} ${d.seed}`));
    const chart = page.locator("svg.line-chart").first();
    expect(await chart.locator("path.line").count()).toBe(variants.size);
    expect(await chart.locator("path.band").count()).toBe(variants.size);
    expect(await chart.locator(".traces path").count()).toBe(curves.size);
    expect(await chart.locator(".legend-item text").allTextContents()).toEqual(
      expect.arrayContaining([...variants, "each seed", "min–max over seeds"])
    );
    const last = summary.at(-1)!;
    const text = await page.locator("#observablehq-main").textContent();
    expect(text).toContain(
      `After ${last.epoch} epochs the network trained with rotations scores ${last.rotatedMean.toFixed(4)}`
    );
    expect(text).toContain(last.plainMean.toFixed(4));
    if (summary.every((d) => d.rotation !== "higher")) expect(text).toContain("At no epoch is rotation ahead");
    else
      expect(text).toMatch(
        /Rotation (helps beyond the seed spread from epoch \d+|is ahead beyond the seed spread only at epoch)/
      );
    await page.screenshot({path: join(shots, "experiment-7-chart.png"), fullPage: true});
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the book's own numbers", () => {
  it("sets each published figure against our seeds in the chart and the table, with its verdict", async () => {
    const {page, problems} = await open("book");
    const figures = builtRows("book-summary");
    const scores = builtRows("book-scores");
    const rowsOfChart = new Set(figures.map((d) => `${d.configuration} (${d.notebook})`));
    const chart = page.locator("svg.range-chart");
    expect(await chart.locator(".range-row").count()).toBe(rowsOfChart.size);
    expect(await chart.locator("path.figure").count()).toBe(figures.length);
    expect(await chart.locator(".range-row circle").count()).toBe(scores.length);
    const table = page.locator("#observablehq-main table");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(figures.length);
    const cells = await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent?.trim())));
    for (const figure of figures) {
      expect(cells.some((row) => row.includes(figure.bookScore.toFixed(4)) && row.includes(figure.verdict))).toBe(true);
    }
    const inside = figures.filter((d) => d.verdict.startsWith("inside")).length;
    expect(await page.locator("#observablehq-main").textContent()).toContain(
      `Of the book's ${figures.length} published figures, ${inside} fall inside`
    );
    await page.screenshot({path: join(shots, "book-figures.png"), fullPage: true});
    expect(problems).toEqual([]);
    await page.close();
  });
});
