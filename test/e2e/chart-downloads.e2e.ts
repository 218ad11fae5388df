// Data and figures out: every chart's table downloads as CSV and Arrow (the Arrow file the
// page drew from), its figure as SVG and PNG, and a how-made block gives the command.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import * as d3 from "d3";
import type {Download} from "playwright-core";
import {describe, expect, it} from "vitest";
import {buildSettings, builtFile, fullBuild} from "./built-data.js";
import {useBuiltSite, useCheckedPages} from "./built-site.js";
import {experiments} from "../../data-loaders/experiments/index.js";

// Every page opened records console errors and requests to any host but the local server;
// each test ends by checking there were none.
const open = useCheckedPages(useBuiltSite());
const downloaded = async (download: Download) => readFileSync((await download.path())!);

// The charts with a footer, from the pages' source: each chartFooter( call, and the playground's
// training panel, which has one. A footer inside a condition (the model's drawing) may be absent.
const footers = readdirSync("src")
  .filter((f) => f.endsWith(".md"))
  .map((f) => {
    const source = readFileSync(join("src", f), "utf8");
    return {name: f.replace(/\.md$/, ""), count: source.split(/chartFooter\(|trainingPanel\(/).length - 1};
  })
  .filter((p) => p.count > 0);

/** Whether a CSV cell stands for the Arrow value: lists (Arrow vectors, typed arrays) as numbers separated by spaces. */
const sameCell = (text: string, value: unknown): boolean => {
  if (value && typeof value === "object" && "toArray" in value)
    return sameCell(text, (value as {toArray(): ArrayLike<unknown>}).toArray());
  if (ArrayBuffer.isView(value) || Array.isArray(value))
    return text === Array.from(value as ArrayLike<unknown>).join(" ");
  return typeof value === "number" || typeof value === "bigint"
    ? Number(text) === Number(value)
    : text === String(value);
};

describe("data and figures out", () => {
  it("every experiment's page offers its charts' data and figures (a chart footer)", () => {
    const withFooters = new Set(footers.map((p) => p.name));
    for (const {page} of Object.values(experiments)) expect(withFooters.has(page.slice(1)), page).toBe(true);
  });

  for (const {name, count} of footers)
    it(`${name}: each chart's CSV parses and equals its Arrow table, which is the file the page drew from`, async () => {
      const page = await open(name);
      const links = page.locator(".chart-footer");
      await expect.poll(() => links.count()).toBeGreaterThan(0);
      // A training panel scores the untrained network in idle time: its chart's one row exists
      // once the status line gives that score.
      if (await page.locator("#training-panel").count())
        await page.locator("#training-panel .status", {hasText: "Untrained, the network scores"}).waitFor();
      const shown = await links.count();
      expect(shown).toBeLessThanOrEqual(count);
      if (name.startsWith("experiment") || name === "book") expect(shown).toBe(count);
      for (let i = 0; i < shown; i++) {
        const footer = links.nth(i);
        const [csvDownload] = await Promise.all([
          page.waitForEvent("download"),
          footer.locator("a[data-format=csv]").click()
        ]);
        const [arrowDownload] = await Promise.all([
          page.waitForEvent("download"),
          footer.locator("a[data-format=arrow]").click()
        ]);
        // A chart from a result file names it in its command; a chart computed in the page has none.
        const command = (await footer.locator("details.how-made pre").count())
          ? await footer.locator("details.how-made pre").textContent()
          : null;
        const file = command?.match(/--out (\S+)$/)?.[1];
        expect(csvDownload.suggestedFilename()).toMatch(new RegExp(`^${name}-[\\w.-]+\\.csv$`));
        expect(arrowDownload.suggestedFilename()).toBe(csvDownload.suggestedFilename().replace(/csv$/, "arrow"));
        const arrow = await downloaded(arrowDownload);
        if (file) expect(arrow.equals(builtFile(file)), `${file} as downloaded`).toBe(true);
        const table = tableFromIPC(arrow);
        const rows = table.toArray().map((row) => row.toJSON());
        const csv = d3.csvParse((await downloaded(csvDownload)).toString("utf8"));
        expect(csv.columns).toEqual(table.schema.fields.map((f) => f.name));
        expect(csv.length).toBe(rows.length);
        csv.forEach((row, r) => {
          for (const column of csv.columns)
            if (!sameCell(row[column]!, rows[r][column]))
              throw new Error(
                `${file} row ${r} ${column}: ${row[column]!.slice(0, 80)} ≠ ${String(rows[r][column]).slice(0, 80)}`
              );
        });
      }
    });

  it("a chart's figure downloads as SVG and PNG named after the page and chart", async () => {
    const page = await open("experiment-2");
    const footer = page.locator(".chart-footer").first();
    const [svg] = await Promise.all([page.waitForEvent("download"), footer.locator("a[data-format=svg]").click()]);
    const [png] = await Promise.all([page.waitForEvent("download"), footer.locator("a[data-format=png]").click()]);
    expect(svg.suggestedFilename()).toBe("experiment-2-learning-rate.svg");
    expect(png.suggestedFilename()).toBe("experiment-2-learning-rate.png");
    const text = (await downloaded(svg)).toString("utf8");
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain("Test score after one epoch");
    expect((await downloaded(png)).subarray(1, 4).toString()).toBe("PNG");
  });

  it("the how-made block gives the command and the run settings", async () => {
    const page = await open("experiment-2");
    const details = page.locator("details.how-made").first();
    await details.locator("summary").click();
    // A preview build's command says its limit, so that it writes the same table again.
    const limit = fullBuild ? "" : `TRAIN_LIMIT=${buildSettings.trainLimit} `;
    expect(await details.locator("pre").textContent()).toBe(
      `${limit}npm run experiment -- 2 --seeds ${buildSettings.seeds} --table scores --out exp2-scores.arrow`
    );
    expect(await details.locator("dl").textContent()).toContain(`kernel${buildSettings.kernel}`);
  });
});
