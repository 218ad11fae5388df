// The second engine: every built page in Firefox ESR (whose default fonts and engine differ from
// Chromium's), driven by puppeteer-core over WebDriver BiDi. Pages load without errors with their
// charts drawn, at desktop and phone width, and Reproduce on Experiment 1 gives the build's score
// digit for digit, as it does in Chromium. No chart text overlaps other text or leaves its chart.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import type {Browser, Page} from "puppeteer-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchFirefox} from "./browser.js";
import {CHART_TEXT_FAULTS, type ChartTextFault} from "./chart-text.js";
import {shots, site} from "./built-site.js";
import {serve} from "../../data-loaders/static-server.js";

const pages = readdirSync(site)
  .filter((f) => f.endsWith(".html") && f !== "404.html")
  .map((f) => f.replace(/\.html$/, ""));
const dataDir = join(site, "_file", "data");
const summaryFile = readdirSync(dataDir).find((f) => /^exp1-summary\.[0-9a-f]{8}\.arrow$/.test(f))!;
const summary = tableFromIPC(readFileSync(join(dataDir, summaryFile)))
  .get(0)!
  .toJSON();

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  browser = await launchFirefox();
  server = await serve(site, {cleanUrls: false});
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page at `width` px, collecting errors and requests to any other host. */
async function open(path: string, width = 1280): Promise<{page: Page; problems: string[]}> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${(error as Error).message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !/^(data|blob):/.test(url)) problems.push(`request to ${url}`);
  });
  await page.setViewport({width, height: 900});
  await page.goto(`${server.url}/${path}`, {waitUntil: "networkidle0"});
  return {page, problems};
}

describe("Firefox", () => {
  for (const name of pages) {
    it(`${name}: renders without errors with its charts drawn, at 1280 and 390 px`, async () => {
      for (const width of [1280, 390]) {
        const {page, problems} = await open(`${name}.html`, width);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const found = await page.evaluate(() => ({
          errors: document.querySelectorAll(".observablehq--error").length,
          charts: Array.from(document.querySelectorAll("#observablehq-main svg.chart"), (svg) => ({
            marks: svg.querySelectorAll(".marks > *").length,
            title: svg.querySelector(".chart-title")?.textContent ?? ""
          })),
          scrollWidth: document.documentElement.scrollWidth
        }));
        expect(found.errors, `${name} at ${width} px`).toBe(0);
        for (const chart of found.charts) {
          expect(chart.marks, `${name}: ${chart.title}`).toBeGreaterThan(0);
          expect(chart.title).not.toBe("");
        }
        // As many SVG charts as the page's source draws (each inside resize(...)).
        const source = readFileSync(join("src", `${name}.md`), "utf8");
        const drawn =
          source.match(/resize\(\(width\) => (lineChart|barChart|heatmap|confusionMatrix|rangeChart)\(/g)?.length ?? 0;
        if (drawn > 0) expect(found.charts.length, name).toBe(drawn);
        expect(found.scrollWidth, `${name} at ${width} px: no sideways scrolling`).toBeLessThanOrEqual(width);
        // Firefox's default sans-serif is wider than Chromium's: chart text must still fit.
        const faults = (await page.evaluate(CHART_TEXT_FAULTS)) as ChartTextFault[];
        expect(faults, `${name} at ${width} px: chart text`).toEqual([]);
        await page.screenshot({path: join(shots, `firefox-${name}-${width}.png`), fullPage: true});
        expect(problems).toEqual([]);
        await page.close();
      }
    });
  }

  it.runIf(summary.trainLimit === 0)("Reproduce on Experiment 1 gives the build's score, digit for digit", async () => {
    const {page, problems} = await open("experiment-1.html");
    await page.locator(".try-panel button[name=reproduce]").click();
    const verdict = await page.waitForSelector(".try-panel .verdict", {timeout: 120_000});
    expect(await verdict!.evaluate((node) => node.getAttribute("data-identical"))).toBe("true");
    expect(await page.$eval(".try-panel .status", (node) => node.textContent)).toContain(
      `epoch 1: ${summary.score} (browser) vs ${summary.score} (build)`
    );
    const panel = await page.$(".try-panel");
    await panel!.screenshot({path: join(shots, "firefox-reproduce.png")});
    expect(problems).toEqual([]);
    await page.close();
  });
});
