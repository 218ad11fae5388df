// npm run bench -- --pages [--runs N] [--json]
// Measures the built site (dist/) as a reader meets it, in headless Chromium from a local
// server: for each page the time from navigation to its first chart (an SVG chart or a
// canvas), the longest main-thread task while it loads (a Long Tasks observer: tasks over
// 50 ms, which block input; wall time, so other work on the machine lengthens them) and the
// bytes transferred before the reader asks for training data (after one load not counted,
// which warms the freshly started browser). Each page is loaded as a first visit (a new browser
// context: empty cache, a new renderer process) and as a reader clicking through the site meets
// it (in the tab that has the home page open; the home page from the last page); then the try panel's training
// on the full 60,000 images (seconds of training per epoch) and the bytes it downloads. A
// benchmark, not a test: it asserts nothing about time.
import {median} from "d3";
import {availableParallelism, loadavg} from "node:os";
import {resolve} from "node:path";
import type {Browser} from "playwright-core";
import config from "../observablehq.config.js";
import {launch} from "./headless-browser.js";
import {serve} from "./static-server.js";

/** Records, in the page, when the first chart appears (ms after navigation start). */
const FIRST_MARK = `
  new MutationObserver((_, observer) => {
    if (document.querySelector("#observablehq-main svg.chart, #observablehq-main canvas")) {
      window.__firstMark = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({type: "longtask", buffered: true});
`;

/** How long the page must go without a long task, after the network is idle and its own work is done, to count as loaded. */
const QUIET_MS = 2000;

/** Work a page does after its files arrive, which its load includes: the model page scores the 10,000 test images. */
const DONE: Record<string, string> = {
  model: `document.querySelector("#browser-score")?.textContent?.includes("Scored here")`
};

interface PageFigures {
  page: string;
  firstChartMs: number | null;
  /** The longest main-thread task (over 50 ms) from navigation until the page is quiet; 0 if none. */
  longestTaskMs: number;
  /** Over all loads of the page, the longest such task (`longestTaskMs` is their median). */
  worstTaskMs?: number;
  /** Loaded from another page of the site in the same tab: the median and the worst load's longest task. */
  fromPage?: {page: string; longestTaskMs: number; worstTaskMs: number};
  transferredBytes: number;
}

/** Loads `page`, after `from` in the same tab when given, in a new browser context (an empty cache); its figures. */
async function measurePage(browser: Browser, url: string, page: string, from?: string): Promise<PageFigures> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}}); // an empty cache each time
  const tab = await context.newPage();
  await tab.addInitScript(FIRST_MARK); // runs again in each document: the figures are the last page's
  if (from) {
    await tab.goto(`${url}/${from}`, {waitUntil: "networkidle"});
    if (DONE[from]) await tab.waitForFunction(DONE[from], null, {timeout: 120_000});
    await tab.waitForTimeout(QUIET_MS);
  }
  await tab.goto(`${url}/${page}`, {waitUntil: "networkidle"});
  // Loaded means its own work done and then no new long task for QUIET_MS (at most 60 s).
  if (DONE[page]) await tab.waitForFunction(DONE[page], null, {timeout: 120_000});
  let seen = -1;
  for (let waited = 0; waited < 60_000; waited += QUIET_MS) {
    await tab.waitForTimeout(QUIET_MS);
    const now = await tab.evaluate(() => (window as unknown as {__longTasks: number[]}).__longTasks.length);
    if (now === seen) break;
    seen = now;
  }
  const figures = await tab.evaluate(() => ({
    longestTaskMs: Math.max(0, ...(window as unknown as {__longTasks: number[]}).__longTasks),
    firstChartMs: ((window as unknown as {__firstMark?: number}).__firstMark ?? null) as number | null,
    transferredBytes: [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
      .map((entry) => (entry as PerformanceResourceTiming).transferSize)
      .reduce((a, b) => a + b, 0)
  }));
  await context.close();
  return {page, ...figures};
}

/** Trains `epochs` epochs of lr 0.4 in Experiment 4's try panel; returns its seconds of training per epoch and the bytes it loaded. */
async function measureTraining(browser: Browser, url: string, epochs: number) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${url}/experiment-4?try-lr=0.4&try-epochs=${epochs}`, {waitUntil: "networkidle"});
  const before = await tab.evaluate(() => performance.getEntriesByType("resource").length);
  await tab.locator(".try-panel button[name=train]").click();
  const status = tab.locator(".try-panel .status", {hasText: "s of training per epoch"});
  await status.waitFor({timeout: 300_000});
  const text = (await status.textContent())!;
  const downloaded = await tab.evaluate(
    (from) =>
      performance
        .getEntriesByType("resource")
        .slice(from)
        .filter((entry) => /mnist-/.test(entry.name))
        .map((entry) => ({
          name: entry.name.replace(/.*\//, ""),
          bytes: (entry as PerformanceResourceTiming).transferSize
        })),
    before
  );
  await context.close();
  return {secondsPerEpoch: Number(text.match(/([\d.]+) s of training per epoch/)![1]), text, downloaded};
}

export async function benchPages({runs = 3, json = false, site = "dist"} = {}): Promise<void> {
  const server = await serve(resolve(site));
  const browser = await launch();
  try {
    const pages = ["index", ...config.pages.map((p) => p.path.slice(1))];
    const results: PageFigures[] = [];
    // One load not counted: the first page a freshly started browser opens also pays for the
    // browser's own start (its files read from disk), as a reader's running browser does not.
    await measurePage(browser, server.url, pages[0]);
    const load = [loadavg()[0]];
    for (const page of pages) {
      process.stderr.write(`bench: ${page} (${runs} first visits, ${runs} from another page)\n`);
      const loads: PageFigures[] = [];
      for (let i = 0; i < runs; i++) loads.push(await measurePage(browser, server.url, page));
      const from = page === pages[0] ? pages.at(-1)! : pages[0];
      const clicked: number[] = [];
      for (let i = 0; i < runs; i++) clicked.push((await measurePage(browser, server.url, page, from)).longestTaskMs);
      const marks = loads.map((l) => l.firstChartMs).filter((m): m is number => m !== null);
      results.push({
        page,
        firstChartMs: marks.length ? median(marks)! : null,
        longestTaskMs: median(loads.map((l) => l.longestTaskMs))!,
        worstTaskMs: Math.max(...loads.map((l) => l.longestTaskMs)),
        transferredBytes: median(loads.map((l) => l.transferredBytes))!,
        fromPage: {page: from, longestTaskMs: median(clicked)!, worstTaskMs: Math.max(...clicked)}
      });
    }
    load.push(loadavg()[0]);
    process.stderr.write("bench: training 3 epochs of lr 0.4 in Experiment 4's try panel\n");
    const training = await measureTraining(browser, server.url, 3);
    if (json) {
      process.stdout.write(`${JSON.stringify({pages: results, training, loadAverage: load}, null, 2)}\n`);
      return;
    }
    console.log("                        first visit (empty cache)                     from another page");
    console.log(
      "page            first chart   longest task   worst load   transferred   longest task   worst load   (medians of %d loads)",
      runs
    );
    const ms = (value: number | undefined, width: number) => `${Math.round(value ?? 0)} ms`.padStart(width);
    for (const r of results)
      console.log(
        `${r.page.padEnd(15)} ${r.firstChartMs === null ? "   no chart" : `${(r.firstChartMs / 1000).toFixed(2)} s`.padStart(11)}   ${ms(r.longestTaskMs, 12)}   ${ms(r.worstTaskMs, 10)}   ${`${(r.transferredBytes / 1e6).toFixed(2)} MB`.padStart(11)}   ${ms(r.fromPage?.longestTaskMs, 12)}   ${ms(r.fromPage?.worstTaskMs, 10)}`
      );
    // Long tasks are wall time: other work on the machine lengthens them.
    console.log(
      `(longest task: wall time of the longest main-thread task over 50 ms until the page is quiet, median over the loads; worst load: the largest; from another page: loaded in the tab that has the home page open (the home page: the last page); 1-minute load average ${load.map((l) => l.toFixed(1)).join(" -> ")} on ${availableParallelism()} cores)`
    );
    const bytes = training.downloaded.reduce((a, b) => a + b.bytes, 0);
    console.log(
      `\ntry panel, 60,000 images: ${training.secondsPerEpoch.toFixed(2)} s of training per epoch (mean of 3 epochs)`
    );
    console.log(
      `training data downloaded: ${(bytes / 1e6).toFixed(2)} MB (${training.downloaded.map((d) => `${d.name} ${(d.bytes / 1e6).toFixed(2)} MB`).join(", ")})`
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
