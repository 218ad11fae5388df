// The verify page, as a reader uses it, on a preview build (300 training images: every run takes
// moments): it retrains every run the report shows and reaches "N of N runs identical" in
// Chromium, with Stop and Resume by keyboard on the way; in Firefox too; a number of the build
// changed by hand is found and named; the experiment chosen is the URL's.
import {readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import type {Browser as FirefoxBrowser} from "puppeteer-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {VerifyList} from "../../data-loaders/verify-list.js";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";
import {launchFirefox} from "./browser.js";
import {useBrowserOn} from "./browser-on.js";

const STATUS = ".verify-panel [role=status]";
const VERIFY = ".verify-panel button[name=verify]";

describe("the verify page on a preview build", () => {
  let dir: string;
  let listFile: string;
  let list: VerifyList;

  beforeAll(() => {
    dir = projectCopy();
    const build = buildIn(dir, {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(2000, 500)});
    if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
    const data = join(dir, "dist", "_file", "data");
    listFile = join(data, readdirSync(data).find((f) => /^verify\.[0-9a-f]{8}\.json$/.test(f))!);
    list = JSON.parse(readFileSync(listFile, "utf8"));
  }, 600_000);
  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true});
  });
  const server = useBrowserOn(() => join(dir, "dist")); // started after the build above

  /** Opens the verify page (with `search`), collecting page errors. */
  async function open(search = "", width = 1280): Promise<{page: Page; errors: string[]}> {
    const page = await server.browser.newPage({viewport: {width, height: 900}});
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(`${server.url}/verify.html${search}`);
    await page.waitForSelector(VERIFY);
    return {page, errors};
  }

  const verdictOf = (page: Page) =>
    page.waitForFunction((s) => / identical/.test(document.querySelector(s)?.textContent ?? ""), STATUS, {
      timeout: 300_000
    });

  it("retrains every run, stops and resumes by keyboard, and ends with every run identical", async () => {
    const {page, errors} = await open();
    const epochs = list.runs.reduce((sum, run) => sum + run.epochs, 0);
    expect(await page.textContent(".verify-panel")).toContain(`${list.runs.length} runs, ${epochs} epochs in all`);
    expect(await page.textContent(VERIFY)).toMatch(
      new RegExp(`^▶ Download [\\d.]+ MB and verify ${list.runs.length} runs$`)
    );
    // Each experiment's group holds a cell for each of its runs.
    const groups = await page.$$eval(".verify-group", (sections) =>
      sections.map((s) => s.querySelectorAll("li").length)
    );
    const expected = list.experiments
      .map(({id}) => list.runs.filter((run) => run.experiments.includes(id)).length)
      .filter((n) => n > 0);
    expect(groups).toEqual(expected);

    await page.focus(VERIFY);
    await page.keyboard.press("Enter");
    // Stopped while the first runs train (runs of 300 images take moments: waiting for one to be
    // compared first could find them all done); the unit tests check that compared runs stay so.
    await page.waitForFunction(() => document.querySelector(".verify-cells li[data-state=training]"), null, {
      timeout: 120_000
    });
    await page.focus(".verify-panel button[name=stop]");
    await page.keyboard.press("Enter");
    await page.waitForFunction((s) => /^Stopped: \d+ of/.test(document.querySelector(s)?.textContent ?? ""), STATUS);
    // Focus is back on the button that started it, which now offers to resume.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("verify");
    const resume = await page.textContent(VERIFY);
    expect(resume).toMatch(/^▶ Resume \(\d+ runs? left\)$/);
    await page.keyboard.press("Enter");
    await verdictOf(page);
    expect(await page.textContent(STATUS)).toBe(`${list.runs.length} of ${list.runs.length} runs identical.`);
    const states = await page.$$eval(".verify-cells li[data-state]", (cells) =>
      cells.map((c) => c.getAttribute("data-state"))
    );
    expect(new Set(states)).toEqual(new Set(["identical"]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes the experiment from the URL and verifies only its runs", async () => {
    const chosen = list.experiments.find(({id}) => list.runs.filter((r) => r.experiments.includes(id)).length > 1)!;
    const runs = list.runs.filter((run) => run.experiments.includes(chosen.id));
    const {page, errors} = await open(`?experiment=${chosen.id}`, 390);
    expect(await page.$eval("select", (select) => select.selectedOptions[0].textContent)).toBe(chosen.title);
    expect(await page.$$eval(".verify-group h3", (h) => h.map((e) => e.textContent))).toEqual([
      `${chosen.title} (${runs.length} runs)`
    ]);
    await page.click(VERIFY);
    await verdictOf(page);
    expect(await page.textContent(STATUS)).toBe(`${runs.length} of ${runs.length} runs identical.`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds a number changed by hand and names the run and the value", async () => {
    const original = readFileSync(listFile, "utf8");
    const changed: VerifyList = JSON.parse(original);
    const run = changed.runs.find((r) => r.experiments.includes(changed.experiments[0].id))!;
    run.scores[0].testScore += 0.0001;
    writeFileSync(listFile, JSON.stringify(changed));
    try {
      const {page} = await open(`?experiment=${run.experiments[0]}`);
      await page.click(VERIFY);
      await verdictOf(page);
      const total = changed.runs.filter((r) => r.experiments.includes(run.experiments[0])).length;
      expect(await page.textContent(STATUS)).toBe(
        `${total - 1} of ${total} run${total === 1 ? "" : "s"} identical; 1 different.`
      );
      expect(await page.textContent(".verify-differences")).toContain(
        `${run.description}, ${run.epochs} epoch${run.epochs === 1 ? "" : "s"}: different: epoch 1 test score: the build`
      );
      await page.close();
    } finally {
      writeFileSync(listFile, original);
    }
  });

  it("reaches the same verdict in Firefox", async () => {
    const firefox: FirefoxBrowser = await launchFirefox();
    try {
      const page = await firefox.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push((error as Error).message));
      await page.goto(`${server.url}/verify.html`, {waitUntil: "networkidle0"});
      await page.waitForSelector(VERIFY);
      await page.click(VERIFY);
      await page.waitForFunction(
        (s) => / identical/.test(document.querySelector(s)?.textContent ?? ""),
        {timeout: 300_000},
        STATUS
      );
      expect(await page.$eval(STATUS, (e) => e.textContent)).toBe(
        `${list.runs.length} of ${list.runs.length} runs identical.`
      );
      expect(errors).toEqual([]);
    } finally {
      await firefox.close();
    }
  });
});
