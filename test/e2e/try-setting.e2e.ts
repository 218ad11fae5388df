// The reader's notebook, trying: another setting (stored runs highlighted from the build's
// results, others trained in a Web Worker) and reproducing a stored number. Against the full
// build; the tests of stored runs skip on a preview build.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {fullBuild, rowsOfFile} from "./built-data.js";
import {shots, useBuiltSite, useCheckedPages} from "./built-site.js";
import {setTry, tryStatus} from "./try-panel.js";

// Every page opened records console errors and requests to any host but the local server;
// each test ends by checking there were none.
const open = useCheckedPages(useBuiltSite());

describe("try another setting (Experiment 2)", () => {
  it.runIf(fullBuild)("a stored setting is highlighted from the build's results, without training", async () => {
    const page = await open("experiment-2");
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    const stored = rowsOfFile("exp2-scores.arrow").find((d) => d.lr === 0.2 && d.seed === 3)!;
    await setTry(page, "Learning rate", "0.2");
    await setTry(page, "Seed", "3");
    const reader = page.locator("svg.line-chart g.reader[data-stored=true] path.point");
    await expect.poll(() => reader.count()).toBe(1);
    expect(await tryStatus(page)).toContain(`test score ${stored.testScore} after epoch 1`);
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
    await expect.poll(() => tryStatus(page)).toContain("did not train lr 0.4, seed 1");
    await page.locator(".try-panel button[name=train]").click();
    const point = page.locator("svg.line-chart g.reader[data-stored=false] path.point");
    await point.waitFor({timeout: 60_000});
    await expect
      .poll(() => tryStatus(page), {timeout: 10_000})
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
    await expect.poll(() => tryStatus(page), {timeout: 30_000}).toMatch(/^Stopped after [\d,]+ samples/);
    const seen = Number((await tryStatus(page))!.match(/after ([\d,]+) samples/)![1].replace(/,/g, ""));
    expect(seen).toBeLessThan(60000);
    expect(await page.locator(".try-panel button[name=train]").isEnabled()).toBe(true);
  });
});

describe("reproduce this number (Experiment 1)", () => {
  it.runIf(fullBuild)("retraining the stored run in the browser gives the build's score, digit for digit", async () => {
    const summary = rowsOfFile("exp1-summary.arrow")[0];
    const page = await open("experiment-1");
    await page.locator(".try-panel button[name=reproduce]").click();
    const verdict = page.locator(".try-panel .verdict");
    await verdict.waitFor({timeout: 90_000});
    expect(await verdict.getAttribute("data-identical")).toBe("true");
    expect(await tryStatus(page)).toContain(`epoch 1: ${summary.score} (browser) vs ${summary.score} (build)`);
    await page.locator(".try-panel").screenshot({path: join(shots, "reproduce.png")});
  });
});
