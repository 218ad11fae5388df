// Loads every built page in headless Chromium: charts draw, no console errors, no request
// leaves the local server. Screenshots go to test-results/ to be looked at.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {CELLS_IN_OWN_TASKS} from "../../data-loaders/page-template.js";
import config from "../../observablehq.config.js";
import {shots, site, useBuiltSite} from "./built-site.js";

const pages = readdirSync(site)
  .filter((f) => f.endsWith(".html") && f !== "404.html")
  .map((f) => f.replace(/\.html$/, ""));
const built = useBuiltSite();

describe("built site", () => {
  it("has the index and the experiment pages", () => {
    // Every page the site lists (observablehq.config.ts) was built.
    expect(pages).toEqual(expect.arrayContaining(["index", ...config.pages.map((page) => page.path.slice(1))]));
  });

  it("every page with cells runs them through the loading-time wrapper, and preloads no module (page-template.ts)", () => {
    // If a Framework upgrade rewrites the client import, the mend would find nothing: noticed here.
    const withCells = pages.filter((page) => readFileSync(join(site, `${page}.html`), "utf8").includes("define({id:"));
    expect(withCells).toEqual(expect.arrayContaining(config.pages.map((page) => page.path.slice(1))));
    for (const page of pages) {
      const html = readFileSync(join(site, `${page}.html`), "utf8");
      expect(html, page).not.toContain("modulepreload");
      if (withCells.includes(page)) expect(html, page).toContain(`const define = (${CELLS_IN_OWN_TASKS})(defineCell);`);
    }
  });

  it("experiment-4: the play button animates the score-vs-lr chart through the epochs", async () => {
    const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    await page.goto(`${built.url}/experiment-4`, {waitUntil: "networkidle"});
    const title = () => page.locator("svg.line-chart .chart-title", {hasText: "after epoch"}).textContent();
    expect(await title()).toContain("after epoch 1");
    const path = () =>
      page
        .locator("svg.line-chart", {has: page.locator(".chart-title", {hasText: "after epoch"})})
        .locator("path.line")
        .getAttribute("d");
    const before = await path();
    await page.locator("form.player button").click();
    await page.waitForFunction(() => Number(document.querySelector("form.player output")?.textContent) >= 3, null, {
      timeout: 10_000
    });
    // The slider's label changes at once; the chart is redrawn when Framework's runtime next
    // runs the cell, so wait for it rather than read it straight away.
    await expect.poll(title, {timeout: 5_000}).not.toContain("after epoch 1");
    expect(await path()).not.toBe(before);
    await page.locator("form.player button").click(); // pause
    await page.locator("form.player input").fill("15");
    await page.waitForFunction(() => document.querySelector("form.player output")?.textContent === "15");
    await expect.poll(title, {timeout: 5_000}).toContain("after epoch 15");
    // Hovering a point shows its exact mean with the spread over seeds.
    const tip = await page.locator("svg.line-chart .points circle title").first().textContent();
    expect(tip).toMatch(/lr [\d.]+, epoch \d+: 0\.\d{4} ± 0\.\d{4} \(95% CI, \d+ seeds; range/);
    const cell = await page.locator("svg.heatmap .marks rect title").first().textContent();
    expect(cell).toMatch(/95% CI/);
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const name of pages) {
    it(`${name}: renders without errors, charts draw, nothing fetched from elsewhere`, async () => {
      const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (!["data:", "blob:"].includes(url.protocol) && url.origin !== built.url) foreign.push(request.url());
      });
      await page.goto(`${built.url}/${name === "index" ? "" : name}`, {waitUntil: "networkidle"});
      await page.waitForTimeout(300);

      expect(await page.locator(".observablehq--error").count()).toBe(0);
      const charts = await page.evaluate(() => {
        const svgs = Array.from(document.querySelectorAll("#observablehq-main svg.chart"), (svg) => ({
          marks: svg.querySelectorAll(".marks > *").length,
          axes: svg.querySelectorAll(".x-axis .tick, .y-axis .tick").length,
          title: svg.querySelector(".chart-title")?.textContent ?? ""
        }));
        // The drawing pad and what the network sees of it start blank, by design.
        const canvases = Array.from(
          document.querySelectorAll<HTMLCanvasElement>(
            "#observablehq-main canvas:not(.drawing-pad canvas, #drawing-result canvas)"
          ),
          (canvas) => {
            // Drawn means not one flat colour: digits, back queries and weight images all vary
            // (transparent pixels, such as the gaps of the weight grid, do not count).
            const {data} = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
            const colours = new Set<number>();
            for (let i = 0; i < data.length; i += 4)
              if (data[i + 3]) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            return colours.size;
          }
        );
        return {svgs, canvases};
      });
      for (const svg of charts.svgs) {
        expect(svg.marks).toBeGreaterThan(0);
        expect(svg.axes).toBeGreaterThan(0);
        expect(svg.title).not.toBe("");
      }
      for (const colours of charts.canvases) expect(colours).toBeGreaterThan(1);
      if (name === "experiment-1") {
        expect(charts.svgs.length).toBeGreaterThanOrEqual(2); // accuracy bars, confusion matrix
        expect(charts.canvases.length).toBeGreaterThan(10); // misclassified digits
      }
      // As many SVG charts as the page's source draws (each inside resize(...)).
      const source = readFileSync(join("src", `${name}.md`), "utf8");
      const drawn =
        source.match(/resize\(\(width\) => (lineChart|barChart|heatmap|confusionMatrix|rangeChart)\(/g)?.length ?? 0;
      if (drawn > 0) expect(charts.svgs.length).toBe(drawn);
      await page.screenshot({path: join(shots, `${name}.png`), fullPage: true});
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      await page.close();
    });
  }
});

describe("narrow screens, dark mode and search", () => {
  for (const name of pages) {
    it(`${name}: fits a phone-width window (390 px) in dark mode, charts still drawn`, async () => {
      const page = await built.browser.newPage({viewport: {width: 390, height: 844}, colorScheme: "dark"});
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(`${built.url}/${name === "index" ? "" : name}`, {waitUntil: "networkidle"});
      await page.waitForTimeout(300);
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        charts: Array.from(
          document.querySelectorAll("#observablehq-main svg.chart"),
          (svg) => svg.getBoundingClientRect().right
        ),
        background: getComputedStyle(document.body).backgroundColor
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      for (const right of layout.charts) expect(right).toBeLessThanOrEqual(390);
      expect(layout.background).not.toBe("rgb(255, 255, 255)"); // the dark theme is applied
      await page.screenshot({path: join(shots, `${name}-phone-dark.png`), fullPage: true});
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("the site's search finds experiments by name", async () => {
    const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
    await page.goto(`${built.url}/`, {waitUntil: "networkidle"});
    await page.locator("#observablehq-search input").fill("hidden nodes");
    await page.waitForSelector("#observablehq-search-results a");
    const links = await page
      .locator("#observablehq-search-results a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.some((href) => href?.includes("experiment-6"))).toBe(true);
    await page.close();
  });
});

describe("built results", () => {
  const dir = join(site, "_file", "data");
  const file = readdirSync(dir).find((f) => f.startsWith("exp1-summary.") && f.endsWith(".arrow"));
  const summary = file
    ? tableFromIPC(readFileSync(join(dir, file)))
        .get(0)!
        .toJSON()
    : {trainLimit: 0};

  it.runIf(summary.trainLimit === 0)("Experiment 1 on the full training set scores between 0.93 and 0.96", () => {
    expect(file).toBeDefined();
    expect(summary.trainSamples).toBe(60000);
    expect(summary.testSamples).toBe(10000);
    expect(summary.trainImages).toBe(60000);
    expect(summary.officialDataset).toBe(true); // the pages say "Built from the official MNIST set"
    expect(summary.score).toBeGreaterThan(0.93);
    expect(summary.score).toBeLessThan(0.96);
  });

  // The pages that call previewWarning (the source of truth) show it in a preview build (TRAIN_LIMIT).
  const warned = readdirSync("src")
    .filter((f) => f.endsWith(".md") && readFileSync(join("src", f), "utf8").includes("previewWarning("))
    .map((f) => f.replace(/\.md$/, ""));
  it.runIf(summary.trainLimit > 0)(
    `a preview build says so on each page with results (${warned.join(", ")})`,
    async () => {
      for (const name of warned) {
        const page = await built.browser.newPage();
        await page.goto(`${built.url}/${name}`, {waitUntil: "networkidle"});
        await expect
          .poll(() => page.locator('.warning[label="Preview build"]').count(), {timeout: 10_000, message: name})
          .toBe(1);
        expect(await page.locator('.warning[label="Preview build"]').textContent()).toContain(
          `TRAIN_LIMIT=${summary.trainLimit}`
        );
        await page.close();
      }
    }
  );
});
