// README's "Add an experiment", done as a contributor would: its two files, copied out of
// README into a copy of the project, build into a site whose sidebar, index and new page show
// the experiment, its tables and its computed sentence. Nothing else in the project is edited.
import {readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {tableFromIPC} from "apache-arrow";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Experiment} from "../../data-loaders/experiments/experiment.js";
import {serve} from "../../data-loaders/static-server.js";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";
import {launch} from "./browser.js";
import {readmeExperimentFiles} from "./readme-files.js";

describe("adding an experiment the way README says", () => {
  let dir: string;
  let site: string;
  let experiment: Experiment;
  let build: {status: number | null; stderr: string};
  let server: {url: string; close: () => Promise<void>};
  let browser: Browser;
  const files = readmeExperimentFiles();

  beforeAll(async () => {
    dir = projectCopy();
    for (const {path, text} of files) writeFileSync(join(dir, path), text);
    const definition = files.find((file) => file.path.startsWith("data-loaders/experiments/"));
    experiment = (await import(pathToFileURL(join(dir, definition!.path)).href)).default;
    // A preview build: one seed where the experiment leaves it to SEEDS, 300 training images, and
    // the 10,000/1,000 images the pages attach.
    build = buildIn(dir, {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(10000, 1000)});
    site = join(dir, "dist");
    server = await serve(site, {cleanUrls: false});
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  /** A built result file's bytes (Framework names it data/<name>.<hash>.arrow). */
  const builtFile = (name: string) => {
    const folder = join(site, "_file", "data");
    const file = readdirSync(folder).find((f) => f.startsWith(`${name}.`) && /\.[0-9a-f]{8}\.\w+$/.test(f));
    if (!file) throw new Error(`the site has no data/${name}.*: ${readdirSync(folder).join(", ")}`);
    return readFileSync(join(folder, file));
  };

  it("is two files, a definition and a page, and the build succeeds", () => {
    expect(files.map((file) => file.path.split("/")[0]).sort()).toEqual(["data-loaders", "src"]);
    expect(`src${experiment.page}.md`).toBe(files.find((file) => file.path.startsWith("src/"))!.path);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toMatch(new RegExp(`^${experiment.id}: \\d+ files recomputed`, "m"));
  });

  it("makes every table but the headline a file of the site, with the seeds the definition fixed", () => {
    const names = Object.keys(experiment.tables).filter((name) => name !== "headline");
    for (const name of names) expect(tableFromIPC(builtFile(`${experiment.id}-${name}`)).numRows).toBeGreaterThan(0);
    const settings = tableFromIPC(builtFile(`${experiment.id}-settings`))
      .get(0)!
      .toJSON();
    const seeds = new Set(
      experiment.runs({trainLimit: 300, kernel: "wasm-f32", seeds: 1, workers: 1}).map((r) => r.config.seed)
    );
    expect(settings.seeds).toBe(seeds.size);
    expect(seeds.size).toBeGreaterThan(1); // it fixed its own seeds: SEEDS=1 did not apply
  });

  it("is in the sidebar of every page, in the index's list and in its headline results", async () => {
    const link = `href=".${experiment.page}.html"`;
    for (const page of ["index.html", "experiment-1.html", `${experiment.page.slice(1)}.html`]) {
      const sidebar = /<nav id="observablehq-sidebar"[\s\S]*?<\/nav>/.exec(readFileSync(join(site, page), "utf8"))?.[0];
      expect(sidebar, page).toContain(link);
      expect(sidebar, page).toContain(experiment.title);
    }
    const tab = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems: string[] = [];
    tab.on("pageerror", (error) => problems.push(error.message));
    await tab.goto(`${server.url}/index.html`);
    const listed = tab.locator(".experiment-list li", {hasText: experiment.title});
    await expect.poll(() => listed.count(), {timeout: 30_000}).toBe(1);
    expect(await listed.textContent()).toContain(experiment.description);
    const row = tab.locator(".experiment-list tr", {hasText: experiment.title});
    await expect.poll(() => row.count(), {timeout: 30_000}).toBe(1);
    expect(await row.textContent()).toMatch(/best mean: .* weights, lr 0\.1, 5 epochs\s*0\.\d{4}/);
    expect(problems).toEqual([]);
    await tab.close();
  }, 60_000);

  it("has a page that draws its chart and computes its sentence from its tables", async () => {
    const scores = tableFromIPC(builtFile(`${experiment.id}-scores`))
      .toArray()
      .map((row) => row.toJSON());
    const lastEpoch = Math.max(...scores.map((row) => row.epoch));
    const mean = (init: string) => {
      const last = scores.filter((row) => row.init === init && row.epoch === lastEpoch);
      return last.reduce((sum, row) => sum + row.testScore, 0) / last.length;
    };
    const tab = await browser.newPage({viewport: {width: 390, height: 900}});
    const problems: string[] = [];
    tab.on("pageerror", (error) => problems.push(error.message));
    await tab.goto(`${server.url}${experiment.page}.html`);
    await tab.waitForSelector("svg.line-chart", {timeout: 30_000});
    const sentence = tab.locator("p", {hasText: "After the last epoch"});
    await expect.poll(() => sentence.textContent(), {timeout: 30_000}).toContain(mean("Rand").toFixed(4));
    expect(await sentence.textContent()).toContain(mean("Normal").toFixed(4));
    expect(await tab.locator("#observablehq-main").textContent()).not.toMatch(/NaN|undefined/);
    expect(problems).toEqual([]);
    await tab.close();
  }, 60_000);
});
