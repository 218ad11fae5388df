// The reader's notebook: try another setting (stored runs highlighted, others trained in a Web
// Worker), reproduce a stored number, controls kept in the URL, every chart's data and figure
// downloadable. Against the full build; the tests of stored runs skip on a preview build.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import * as d3 from "d3";
import type {Download, Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {shots, site, useBuiltSite, useCheckedPages} from "./built-site.js";

const built = useBuiltSite();
const dataDir = join(site, "_file", "data");
const builtFile = (name: string) => {
  const [stem, extension] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(dataDir).find(
    (f) => f.startsWith(`${stem}.`) && f.endsWith(extension) && f.length === name.length + 9
  );
  if (!file) throw new Error(`no ${name} in ${dataDir}`);
  return readFileSync(join(dataDir, file));
};
const rowsOfFile = (name: string) =>
  tableFromIPC(builtFile(name))
    .toArray()
    .map((row) => row.toJSON());
const settings = rowsOfFile("exp2-settings.arrow")[0];
const full = settings.trainLimit === 0;

// Every page opened records console errors and requests to any host but the local server;
// each test ends by checking there were none.
const open = useCheckedPages(built);

/** Sets an Inputs control in the try panel (its number field) as a reader typing would. */
async function setTry(page: Page, label: string, value: string): Promise<void> {
  const field = page.locator(".try-panel form", {hasText: label}).locator("input[type=number]");
  await field.fill(value);
  await field.dispatchEvent("input");
}
const status = (page: Page) => page.locator(".try-panel .status").textContent();
const downloaded = async (download: Download) => readFileSync((await download.path())!);

describe("try another setting (Experiment 2)", () => {
  it.runIf(full)("a stored setting is highlighted from the build's results, without training", async () => {
    const page = await open("experiment-2");
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    const stored = rowsOfFile("exp2-scores.arrow").find((d) => d.lr === 0.2 && d.seed === 3)!;
    await setTry(page, "Learning rate", "0.2");
    await setTry(page, "Seed", "3");
    const reader = page.locator("svg.line-chart g.reader[data-stored=true] path.point");
    await expect.poll(() => reader.count()).toBe(1);
    expect(await status(page)).toContain(`test score ${stored.testScore} after epoch 1`);
    expect(await page.locator("svg.line-chart").first().textContent()).toContain("stored run: lr 0.2, seed 3");
    expect(requests.filter((path) => /mnist|worker/.test(path))).toEqual([]); // nothing downloaded, nothing trained
    await page
      .locator(".card", {has: page.locator("svg.line-chart")})
      .first()
      .screenshot({path: join(shots, "try-stored.png")});
  });

  it("lr 0.4 trains in the browser and draws a labelled point; Stop ends a run mid-epoch", async () => {
    const page = await open("experiment-2");
    await setTry(page, "Learning rate", "0.4");
    await expect.poll(() => status(page)).toContain("did not train lr 0.4, seed 1");
    await page.locator(".try-panel button[name=train]").click();
    const point = page.locator("svg.line-chart g.reader[data-stored=false] path.point");
    await point.waitFor({timeout: 60_000});
    await expect
      .poll(() => status(page), {timeout: 10_000})
      .toMatch(/Your run, lr 0.4, seed 1: test score 0\.\d+ after epoch 1/);
    const score = Number(await page.locator(".try-panel .status .score").getAttribute("data-score"));
    expect(score).toBeGreaterThan(0.8); // a trained network, not a guess
    expect(await point.locator("title").textContent()).toContain(
      `your run: lr 0.4, seed 1: Learning rate (log scale) 0.4, ${score.toFixed(4)}`
    );
    expect(await page.locator("svg.line-chart").first().textContent()).toContain("your run: lr 0.4, seed 1");
    await page
      .locator(".card", {has: page.locator("svg.line-chart")})
      .first()
      .screenshot({path: join(shots, "try-trained.png")});

    // Stop: pressed as the first progress report arrives, the worker stops within its slice.
    await setTry(page, "Seed", "2");
    await page.evaluate(() => {
      const panel = document.querySelector(".try-panel")!;
      const observer = new MutationObserver(() => {
        if (/^Training .*samples/.test(panel.querySelector(".status")!.textContent ?? "")) {
          observer.disconnect();
          panel.querySelector<HTMLButtonElement>("button[name=stop]")!.click();
        }
      });
      observer.observe(panel.querySelector(".status")!, {childList: true, subtree: true, characterData: true});
    });
    await page.locator(".try-panel button[name=train]").click();
    await expect.poll(() => status(page), {timeout: 30_000}).toMatch(/^Stopped after [\d,]+ samples/);
    const seen = Number((await status(page))!.match(/after ([\d,]+) samples/)![1].replace(/,/g, ""));
    expect(seen).toBeLessThan(60000);
    expect(await page.locator(".try-panel button[name=train]").isEnabled()).toBe(true);
  });
});

describe("reproduce this number (Experiment 1)", () => {
  it.runIf(full)("retraining the stored run in the browser gives the build's score, digit for digit", async () => {
    const summary = rowsOfFile("exp1-summary.arrow")[0];
    const page = await open("experiment-1");
    await page.locator(".try-panel button[name=reproduce]").click();
    const verdict = page.locator(".try-panel .verdict");
    await verdict.waitFor({timeout: 90_000});
    expect(await verdict.getAttribute("data-identical")).toBe("true");
    expect(await status(page)).toContain(`epoch 1: ${summary.score} (browser) vs ${summary.score} (build)`);
    await page.locator(".try-panel").screenshot({path: join(shots, "reproduce.png")});
  });
});

// Each page with controls: a control set, the page reloaded from its URL, the control and what
// it drives restored. Which pages have controls comes from the pages' source.
type UrlCase = {set: (page: Page) => Promise<void>; check: (page: Page) => Promise<void>};
const tryCase = (label: string, value: string, legend: RegExp): UrlCase => ({
  set: (page) => setTry(page, label, value),
  check: async (page) => {
    const field = page.locator(".try-panel form", {hasText: label}).locator("input[type=number]");
    expect(await field.inputValue()).toBe(value);
    if (full) await expect.poll(() => page.locator("svg.line-chart g.reader").count()).toBe(1);
    if (full) expect(await page.locator(".card svg.line-chart", {hasText: "stored run"}).textContent()).toMatch(legend);
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
  }
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
  it("pages have chart footers", () => expect(footers.length).toBeGreaterThan(5));

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
    expect(await details.locator("pre").textContent()).toBe(
      `npm run experiment -- 2 --seeds ${settings.seeds} --table scores --out exp2-scores.arrow`
    );
    expect(await details.locator("dl").textContent()).toContain(`kernel${settings.kernel}`);
  });
});

describe("the playground", () => {
  it("draws the untrained network's score and the axes before any click", async () => {
    const page = await open("playground");
    const chart = page.locator("#training-panel svg.line-chart");
    await chart.locator(".points circle").first().waitFor();
    expect(await chart.locator(".points circle").count()).toBe(1);
    expect(await chart.locator(".tick").count()).toBeGreaterThan(4);
    expect(await page.locator("#training-panel .status").textContent()).toMatch(
      /Untrained, the network scores 0\.\d{4}/
    );
  });
});
