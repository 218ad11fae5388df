// npm run bench -- --verify [--json]: the verify page's whole run against the build's. First
// the build's cold training of every run the report shows (its run pool, one worker per core,
// into an empty store); then the built site's verify page in headless Chromium, from pressing
// its button (the MNIST download included) to its verdict. The target: the page within
// 1.3 times the cold training. A benchmark, not a test: it asserts nothing about time.
import {readdirSync, readFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join, resolve} from "node:path";
import {coldTraining} from "./bench-suite.js";
import {loadDataset} from "./dataset.js";
import {UsageError} from "./errors.js";
import {launch} from "./headless-browser.js";
import {reportRuns} from "./report-runs.js";
import {readSettings} from "./settings.js";
import {serve} from "./static-server.js";
import type {VerifyList} from "./verify-list.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Seconds from pressing the verify page's button to its verdict, in Chromium, and the verdict. */
async function pageVerify(site: string): Promise<{seconds: number; verdict: string; workers: number}> {
  const server = await serve(site, {cleanUrls: false});
  const browser = await launch();
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/verify.html`);
    await page.waitForSelector(".verify-panel button[name=verify]");
    const workers = await page.evaluate(() => navigator.hardwareConcurrency);
    const start = performance.now();
    await page.click(".verify-panel button[name=verify]");
    let last = 0;
    const deadline = performance.now() + 3600_000; // an hour: ten times what this machine takes
    for (;;) {
      const status = (await page.textContent(".verify-panel [role=status]")) ?? "";
      if (/ identical/.test(status) || errors.length) break;
      // Anything else that ends the run: a failed download, a stop, a browser that cannot train.
      if (/^(Could not|Stopped)/.test(status) || (await page.isVisible(".verify-panel .browser-support")))
        throw new Error(
          `the verify page stopped: ${status || (await page.textContent(".verify-panel .browser-support"))}`
        );
      if (performance.now() > deadline) throw new Error(`the verify page had no verdict after an hour: ${status}`);
      if (performance.now() - last > 30_000) {
        last = performance.now();
        log(`bench: verify page: ${status}`);
      }
      await page.waitForTimeout(500);
    }
    if (errors.length) throw new Error(`the verify page failed: ${errors.join("; ")}`);
    const seconds = (performance.now() - start) / 1000;
    return {seconds, verdict: (await page.textContent(".verify-panel [role=status]")) ?? "", workers};
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function benchVerify({json = false, site = "dist"} = {}): Promise<void> {
  const folder = resolve(site);
  const data = join(folder, "_file", "data");
  const file = readdirSync(data).find((name) => /^verify\.[0-9a-f]{8}\.json$/.test(name));
  if (!file) throw new UsageError(`${site} has no verify page's list (data/verify.*.json): run npm run build first`);
  const list = JSON.parse(readFileSync(join(data, file), "utf8")) as VerifyList;
  if (list.runs.some((run) => run.config.trainLimit !== null))
    log("bench: warning: the site was built with TRAIN_LIMIT; the figures are not the full data's");
  const workers = availableParallelism();
  log(`bench: training the report's ${list.runs.length} runs cold, ${workers} workers...`);
  const dataset = loadDataset();
  const requests = reportRuns(readSettings(), dataset.checksum).map((run) => run.request);
  const report = await coldTraining(dataset, requests, workers);
  const cold = {runs: report.distinct, epochs: report.epochs, seconds: report.seconds};
  log(`bench: the verify page in Chromium...`);
  const browser = await pageVerify(folder);
  const result = {
    runs: cold.runs,
    epochs: cold.epochs,
    coldTrainingSeconds: cold.seconds,
    verifyPageSeconds: browser.seconds,
    browserWorkers: browser.workers,
    ratio: browser.seconds / cold.seconds,
    verdict: browser.verdict
  };
  if (json) return void console.log(JSON.stringify(result, null, 2));
  console.log(
    `Cold training of the report (${cold.runs} runs, ${cold.epochs} epochs, ${workers} workers): ${cold.seconds.toFixed(1)} s\n` +
      `Verify page in Chromium (${browser.workers} workers, download included): ${browser.seconds.toFixed(1)} s, "${browser.verdict}"\n` +
      `Ratio: ${result.ratio.toFixed(2)} (target at most 1.3)`
  );
}
