// Published anywhere, read in any browser: the built site crawled from its index on a plain
// static server (no clean URLs) and under a path prefix (a GitHub Pages project site), and the
// pages in a browser that lacks what training uses (WebAssembly, Web Workers,
// DecompressionStream): each still trains or says in words what is missing.
import {existsSync, readdirSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {shots, site, useBuiltSite} from "./built-site.js";
import {crawl} from "./crawl.js";
import {serve} from "../../data-loaders/static-server.js";
import {fullBuild} from "./built-data.js";

const built = useBuiltSite();
const pages = readdirSync(site).filter((f) => f.endsWith(".html") && f !== "404.html");

describe("the site on any static server", () => {
  for (const [name, options] of [
    ["a plain file server (no clean URLs)", {cleanUrls: false}],
    ["a plain file server under a path prefix (/my-report)", {cleanUrls: false, prefix: "/my-report"}]
  ] as const) {
    it(`${name}: every page reached from the index, no link or asset broken`, async () => {
      const server = await serve(site, options);
      try {
        const result = await crawl(built.browser, server.url);
        expect(result.broken).toEqual([]);
        expect(result.errors).toEqual([]);
        // Files fetched only on a click (the training worker, the MNIST slices) were checked too.
        expect(result.urls.some((url) => /\/playground-worker\.[0-9a-f]{8}\.js$/.test(url))).toBe(true);
        expect(result.urls.some((url) => /\/mnist-train-images\.idx\.[0-9a-f]{8}\.gz$/.test(url))).toBe(true);
        const reached = result.pages.map((url) => url.slice(url.lastIndexOf("/") + 1) || "index.html");
        expect([...new Set(reached)].sort()).toEqual([...pages].sort());
        expect(result.urls.length).toBeGreaterThan(pages.length); // the pages' scripts, styles and data too
      } finally {
        await server.close();
      }
    });
  }

  it("downloads are named after the page wherever the site is served", async () => {
    const names: string[][] = [];
    for (const prefix of ["", "/my-report"]) {
      const server = await serve(site, {cleanUrls: false, prefix});
      const page = await built.browser.newPage();
      await page.goto(`${server.url}/experiment-2.html`, {waitUntil: "networkidle"});
      names.push(
        await page
          .locator(".chart-footer a[download]")
          .evaluateAll((links) => links.map((a) => a.getAttribute("download")!))
      );
      await page.close();
      await server.close();
    }
    expect(names[0].length).toBeGreaterThan(0);
    expect(names[0].every((name) => name.startsWith("experiment-2-"))).toBe(true);
    expect(names[1]).toEqual(names[0]);
  });

  it("holds .nojekyll, so GitHub Pages serves the _file, _import, _node and _observablehq folders", () => {
    expect(existsSync(join(site, ".nojekyll"))).toBe(true);
    expect(readdirSync(site).filter((f) => f.startsWith("_")).length).toBeGreaterThan(0);
  });
});

/** Text of a raw exception that must never reach a reader. */
const RAW_ERROR =
  /CompileError|WebAssembly\.(Module|instantiate|compile)|opcode|is not defined|is not a constructor|TypeError/;

describe("a browser that lacks what training uses", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(site);
  });
  afterAll(() => server.close());

  /**
   * Opens a page with the globals `missing` removed (from the page and the training worker), and
   * `worker` (script text) run in the training worker before its own code.
   */
  async function openWithout(
    path: string,
    missing: string[],
    {worker = ""}: {worker?: string} = {}
  ): Promise<{page: Page; errors: string[]}> {
    const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const remove = missing.map((name) => `delete globalThis.${name};`).join("");
    await page.addInitScript(remove);
    // Init scripts do not reach workers: the worker's script is served with the removals in front.
    await page.route("**/playground-worker*.js", async (route) => {
      const response = await route.fetch();
      await route.fulfill({response, body: remove + worker + (await response.text())});
    });
    await page.goto(`${server.url}/${path}`, {waitUntil: "networkidle"});
    return {page, errors};
  }

  /** Ends a test: no raw exception on the page and none thrown; `selector` photographed as `shot`; the page closed. */
  async function closeShown(page: Page, errors: string[], selector: string, shot: string): Promise<void> {
    expect(await page.locator("body").textContent()).not.toMatch(RAW_ERROR);
    expect(errors).toEqual([]);
    await page.locator(selector).screenshot({path: join(shots, shot)});
    await page.close();
  }

  it("WebAssembly failing only in the training worker: the playground trains with the plain kernel and says so", async () => {
    // As under a content security policy that blocks compiling: the page's own check passes,
    // the worker's compile fails with the error Safari gives for SIMD it cannot parse.
    const {page, errors} = await openWithout("playground", [], {
      worker: `WebAssembly.compile = () => Promise.reject(new WebAssembly.CompileError("WebAssembly.Module doesn't parse at byte 107: invalid opcode 253"));`
    });
    await page.locator("#training-panel button[name=start]").click();
    await page.locator("#training-panel .score[data-final]").waitFor({timeout: 60_000});
    const panel = (await page.locator("#training-panel").textContent()) ?? "";
    expect(panel).toContain("plain TypeScript kernel (sparse)");
    expect(Number(await page.locator("#training-panel .score[data-final]").getAttribute("data-final"))).toBeGreaterThan(
      0.5
    );
    await closeShown(page, errors, "#training-panel", "playground-without-webassembly.png");
  });

  // Reproduce is offered where a stored run matches the reader's pick: on a full build.
  it.runIf(fullBuild)(
    "no WebAssembly at all: Reproduce on Experiment 1 trains with the plain kernel and says it compares two kernels",
    async () => {
      const {page, errors} = await openWithout("experiment-1", ["WebAssembly"]);
      await page.locator(".try-panel button[name=reproduce]").click();
      const verdict = page.locator(".try-panel .verdict");
      await verdict.waitFor({timeout: 120_000});
      expect(await verdict.getAttribute("data-kernel")).toBe("sparse");
      const panel = (await page.locator(".try-panel").textContent()) ?? "";
      expect(panel).toContain("This browser cannot run WebAssembly SIMD");
      expect(panel).toMatch(/The browser trained with the sparse kernel and the build with wasm-f32/);
      await closeShown(page, errors, ".try-panel", "reproduce-without-webassembly.png");
    }
  );

  it("no Web Workers: training is not offered, one sentence says why, the charts are drawn", async () => {
    const {page, errors} = await openWithout("experiment-2", ["Worker"]);
    expect(await page.locator(".try-panel button[name=train]").isDisabled()).toBe(true);
    expect(await page.locator(".try-panel .browser-support").textContent()).toContain("cannot run Web Workers");
    expect(await page.locator("#observablehq-main svg.chart .marks > *").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    const playground = await openWithout("playground", ["Worker"]);
    expect(await playground.page.locator("#training-panel button[name=start]").isDisabled()).toBe(true);
    expect(await playground.page.locator("#training-panel .browser-support").textContent()).toContain(
      "cannot run Web Workers"
    );
    expect(await playground.page.locator("#training-panel svg.chart").count()).toBe(1); // the untrained score, drawn
    expect(playground.errors).toEqual([]);
    await page.close();
    await playground.page.close();
  });

  it("no DecompressionStream: the model page inflates the test images with fflate and scores them", async () => {
    const {page, errors} = await openWithout("model", ["DecompressionStream"]);
    await page.locator("#browser-score strong").waitFor({timeout: 60_000});
    expect(await page.locator("#browser-score").textContent()).toMatch(
      /Scored here on all 10,000 test images: \d+\.\d\d%/
    );
    expect(await page.locator("#test-result canvas").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("JavaScript turned off: the page's text, and one sentence saying what is missing", async () => {
    const context = await built.browser.newContext({javaScriptEnabled: false});
    const page = await context.newPage();
    await page.goto(`${server.url}/experiment-2`);
    const notice = await page.evaluate(
      () => getComputedStyle(document.getElementById("observablehq-main")!, "::before").content
    );
    expect(notice).toContain("JavaScript, which is turned off in this browser");
    expect(await page.locator("h1").textContent()).toContain("Experiment 2");
    await page.screenshot({path: join(shots, "experiment-2-without-javascript.png")});
    await context.close();
  });

  it("a browser older than the pages' code needs: one sentence saying so, with the versions that work", async () => {
    const page = await built.browser.newPage();
    // Such an engine (Safari 15.3, say) lacks Array.prototype.at and Object.hasOwn.
    await page.addInitScript("delete Array.prototype.at; delete Object.hasOwn;");
    await page.goto(`${server.url}/experiment-2`);
    expect(await page.locator("#browser-too-old").textContent()).toContain(
      "This browser is too old to run the report's charts: they need Chrome or Edge 93, Firefox 92 or Safari 15.4"
    );
    await page.close();
    const current = await built.browser.newPage();
    await current.goto(`${server.url}/experiment-2`, {waitUntil: "networkidle"});
    expect(await current.locator("#browser-too-old").count()).toBe(0); // a current browser is not told so
    await current.close();
  });
});
