// `npm run dev` as a user meets it, in a copy of the project that reads this project's run
// store (trained by the build before the browser tests): pages show their charts, and an edit
// to an experiment's table code reaches the open page without a reload or a restart; a new page's
// files are made as soon as it is saved.
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {createServer, type AddressInfo} from "node:net";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {copyProject} from "../../data-loaders/project-copy.js";
import {storeDir} from "../../data-loaders/run-entry.js";
import {launch} from "./browser.js";
import {readmeExperimentFiles} from "./readme-files.js";

describe("npm run dev", () => {
  let dir: string;
  let dev: ChildProcess;
  let browser: Browser;
  let url: string;
  let log = "";

  beforeAll(async () => {
    dir = copyProject();
    // A free port (Framework's preview takes a number, not 0).
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
    const port = String((probe.address() as AddressInfo).port);
    await new Promise((done) => probe.close(done));
    dev = spawn("npm", ["run", "dev", "--", "--port", port, "--no-open"], {
      cwd: dir,
      env: {...process.env, RUN_STORE: storeDir()},
      detached: true
    });
    dev.stdout!.on("data", (chunk) => (log += chunk));
    dev.stderr!.on("data", (chunk) => (log += chunk));
    for (let waited = 0; !/http:\/\/127\.0\.0\.1:\d+/.test(log); waited += 100) {
      if (waited > 240_000 || dev.exitCode !== null) throw new Error(`the preview did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    url = /http:\/\/127\.0\.0\.1:\d+/.exec(log)![0];
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
  });

  it("brought the data up to date before the preview started, training nothing", () => {
    expect(log).toMatch(/runs: \d+ distinct; trained 0 /);
    expect(log).toMatch(/data: \d+ files/);
  });

  it("an edit to Experiment 6's table code reaches the open page without a reload", async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${url}/experiment-6`);
    await page.waitForSelector("svg.line-chart", {timeout: 60_000});
    const ticks = () => page.locator("svg.line-chart").first().locator(".tick text").allTextContents();
    expect(await ticks()).toContain("500");
    const loaded = await page.evaluate(() => performance.timeOrigin);

    const file = join(dir, "data-loaders", "experiments", "hidden-nodes.ts");
    const source = readFileSync(file, "utf8");
    const from = "epochTable(runs, {";
    expect(source).toContain(from);
    writeFileSync(file, source.replace(from, "epochTable(runs.filter((run) => run.config.hidden !== 500), {"));
    await expect.poll(ticks, {timeout: 60_000, interval: 250}).not.toContain("500");
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded); // the same page, not a reload
    expect(log).toMatch(/dev: 1 file changed/); // exp6-scores.arrow: no other table uses the edited code
    expect(problems).toEqual([]);
  }, 120_000);

  it("a new experiment (README's two files): its files are made as soon as they are saved, and the sidebar shows it", async () => {
    const files = readmeExperimentFiles();
    const definition = files.find((file) => file.path.startsWith("data-loaders/"))!;
    const page = files.find((file) => file.path.startsWith("src/"))!;
    const id = /id: "(\w+)"/.exec(definition.text)![1];
    const title = /title: "([^"]+)"/.exec(definition.text)![1];
    const cached = join(dir, "src", ".observablehq", "cache", "data", `${id}-scores.arrow`);
    expect(existsSync(cached)).toBe(false);
    writeFileSync(join(dir, definition.path), definition.text);
    writeFileSync(join(dir, page.path), page.text);
    // Made by dev, not by Framework: no browser has asked for the page.
    await expect.poll(() => existsSync(cached), {timeout: 120_000, interval: 250}).toBe(true);
    expect(log).toMatch(/dev: src\/experiment-8\.md changed; bringing the data up to date/);
    // The preview started again with the new list: the new page has its sidebar entry.
    const sidebar = async () => {
      try {
        return await (await fetch(`${url}/${page.path.slice(4, -3)}`)).text();
      } catch {
        return ""; // between two previews
      }
    };
    await expect.poll(sidebar, {timeout: 60_000, interval: 500}).toContain(title);
    expect(log).toMatch(/dev: the experiment list changed; starting the preview again/);
  }, 240_000);
});
