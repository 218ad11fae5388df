// Links that keep state: each page's controls are kept in its URL, so a link (or Back and
// Forward) brings back what the reader set and what it drives.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {fullBuild} from "./built-data.js";
import {useBuiltSite, useCheckedPages} from "./built-site.js";
import {setTry} from "./try-panel.js";

const built = useBuiltSite();
// Every page opened records console errors and requests to any host but the local server;
// each test ends by checking there were none.
const open = useCheckedPages(built);

// Each page with controls: a control set, the page reloaded from its URL, the control and what
// it drives restored. Which pages have controls comes from the pages' source.
type UrlCase = {set: (page: Page) => Promise<void>; check: (page: Page) => Promise<void>};
const tryCase = (label: string, value: string, legend: RegExp): UrlCase => ({
  set: (page) => setTry(page, label, value),
  check: async (page) => {
    const field = page.locator(".try-panel form", {hasText: label}).locator("input[type=number]");
    expect(await field.inputValue()).toBe(value);
    if (fullBuild) await expect.poll(() => page.locator("svg.line-chart g.reader").count()).toBe(1);
    if (fullBuild)
      expect(await page.locator(".card svg.line-chart", {hasText: "stored run"}).textContent()).toMatch(legend);
  }
});
const selectCase = (label: string, value: string, check: (page: Page) => Promise<void>): UrlCase => ({
  set: async (page) => {
    await page.locator("form", {hasText: label}).locator("select").first().selectOption({label: value});
  },
  check: async (page) => {
    const select = page.locator("form", {hasText: label}).locator("select").first();
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(value);
    await check(page);
  }
});
const urlCases: Record<string, UrlCase> = {
  "experiment-2": tryCase("Learning rate", "0.2", /stored run: lr 0.2, seed 1/),
  "experiment-3": tryCase("Epochs", "12", /stored run: 12 epochs, seed 1 \(test set\)/),
  "experiment-4": {
    set: async (page) => {
      await page.locator("form.player input").fill("9");
      await setTry(page, "Epochs", "7");
    },
    check: async (page) => {
      expect(await page.locator("form.player output").textContent()).toBe("9");
      await expect
        .poll(() => page.locator("svg.line-chart .chart-title", {hasText: "after epoch"}).textContent())
        .toContain("after epoch 9");
      await tryCase("Epochs", "7", /stored run: lr [\d.]+, 7 epochs, seed 1/).check(page);
    }
  },
  "experiment-5": selectCase("Learning rate", "0.1", async (page) => {
    await expect.poll(() => page.locator("#compare h2").nth(1).textContent()).toMatch(/^lr 0.1,/);
  }),
  "experiment-6": tryCase("Hidden nodes", "200", /stored run: 200 hidden, seed 1/),
  model: {
    set: async (page) => {
      await page.locator("form.picker input").fill("42");
      await page.locator("form.picker input").dispatchEvent("input");
    },
    check: async (page) => {
      expect(await page.locator("form.picker input").inputValue()).toBe("42");
      await expect.poll(() => page.locator("#test-result h2").textContent()).toContain("Test image 42:");
    }
  },
  playground: {
    set: async (page) => {
      const field = page.locator("form", {hasText: "Learning rate"}).locator("input[type=number]").first();
      await field.fill("0.35");
      await field.dispatchEvent("input");
      await page.locator("form", {hasText: "Hidden nodes"}).locator("select").selectOption("50");
    },
    check: async (page) => {
      expect(
        await page.locator("form", {hasText: "Learning rate"}).locator("input[type=number]").first().inputValue()
      ).toBe("0.35");
      expect(await page.locator("form", {hasText: "Hidden nodes"}).locator("select").inputValue()).toBe(
        await page.locator("form", {hasText: "Hidden nodes"}).locator("option", {hasText: /^50$/}).getAttribute("value")
      );
      await page.locator("#training-panel svg.line-chart .points circle").first().waitFor();
    }
  },
  verify: selectCase("Experiments", "Experiment 3: epochs", async (page) => {
    await expect
      .poll(() => page.locator(".verify-group h3").allTextContents())
      .toEqual([expect.stringMatching(/^Experiment 3: epochs \(\d+ runs?\)$/)]);
  })
};
const pagesWithControls = readdirSync("src")
  .filter((f) => f.endsWith(".md") && /urlState\(|tryPanel\(/.test(readFileSync(join("src", f), "utf8")))
  .map((f) => f.replace(/\.md$/, ""))
  .filter((name) => name !== "experiment-1"); // its panel has only Reproduce's seed: checked with the others below

describe("links that keep state", () => {
  it("every page with controls has a URL test", () => {
    expect(Object.keys(urlCases).sort()).toEqual(pagesWithControls.sort());
  });

  for (const name of pagesWithControls)
    it(`${name}: a control set, reloaded from the URL, is restored with what it drives`, async () => {
      const page = await open(name);
      await urlCases[name].set(page);
      await expect.poll(() => new URL(page.url()).search, {timeout: 5_000}).not.toBe("");
      await page.waitForTimeout(500); // the last control settles into the URL
      const url = page.url();
      const fresh = await open(url.slice(built.url.length + 1));
      await urlCases[name].check(fresh);
    });

  it("Back and Forward step through the epochs set on Experiment 4", async () => {
    const page = await open("experiment-4");
    const output = () => page.locator("form.player output").textContent();
    // Two settled changes: each a separate interaction (the slider loses focus in between), so
    // each is one history entry (changes within one interaction replace their entry).
    for (const epoch of ["4", "11"]) {
      await page.locator("form.player input").fill(epoch);
      await expect.poll(() => new URL(page.url()).searchParams.get("epoch")).toBe(epoch);
      await page.locator("form.player input").blur();
    }
    await page.goBack();
    await expect.poll(output).toBe("4");
    await expect
      .poll(() => page.locator("svg.line-chart .chart-title", {hasText: "after epoch"}).textContent())
      .toContain("after epoch 4");
    await page.goForward();
    await expect.poll(output).toBe("11");
  });
});
