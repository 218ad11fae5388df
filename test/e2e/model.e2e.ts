// The pages that run a network in the browser: Experiment 5's back query, the live model
// (drawing and test images) and the playground that trains in a Web Worker.
import {join} from "node:path";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {shots, useBuiltSite} from "./built-site.js";

const built = useBuiltSite();

/** Opens a page, collecting console errors and the bytes of every response by file. */
async function open(name: string): Promise<{page: Page; problems: string[]; bytes: Map<string, number>}> {
  const page = await built.browser.newPage({viewport: {width: 1280, height: 900}});
  const problems: string[] = [];
  const bytes = new Map<string, number>();
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", async (response) => {
    try {
      bytes.set(new URL(response.url()).pathname, (await response.body()).length);
    } catch {
      // a redirect or an aborted response has no body
    }
  });
  await page.goto(`${built.url}/${name}`, {waitUntil: "networkidle"});
  return {page, problems, bytes};
}

const total = (bytes: Map<string, number>, skip = /$^/) =>
  [...bytes].filter(([path]) => !skip.test(path)).reduce((sum, [, n]) => sum + n, 0);
const megabytes = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

/** Grey-level spread of each canvas under `selector`: 0 for a blank image. */
const canvasSpreads = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      const {data} = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      const greys: number[] = [];
      for (let i = 0; i < data.length; i += 4) greys.push(data[i]);
      const mean = greys.reduce((a, b) => a + b, 0) / greys.length;
      return Math.sqrt(greys.reduce((a, b) => a + (b - mean) ** 2, 0) / greys.length);
    })
  );

describe("Experiment 5: back query", () => {
  it("renders the ten back-queried images, the digit shapes and the hidden nodes; a second network can be chosen", async () => {
    const {page, problems, bytes} = await open("experiment-5");
    const spreads = await canvasSpreads(page, "#backquery canvas");
    expect(spreads).toHaveLength(20); // 10 back queries + 10 digit shapes
    for (const spread of spreads) expect(spread).toBeGreaterThan(10); // pictures, not flat squares
    // The hidden nodes' input weights: one canvas, ten images to a row, named for screen readers;
    // the tooltip names the node under the pointer.
    const weights = page.locator("#hidden-nodes canvas");
    expect(await weights.count()).toBe(1);
    const hidden = Number(
      (await page.locator("#hidden-nodes").textContent())?.match(/weights of the (\d+) hidden nodes/)?.[1]
    );
    expect(hidden).toBeGreaterThan(0);
    const perRow = Math.min(hidden, 10); // the page asks for 10 to a row, which fit at 1280 px
    expect(await weights.getAttribute("aria-label")).toContain(`${hidden} images of 28×28 weights, ${perRow} to a row`);
    const [width, height] = await weights.evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect([width, height]).toEqual([perRow * 59 - 3, Math.ceil(hidden / perRow) * 59 - 3]); // 56 px images, 3 px gaps
    await weights.scrollIntoViewIfNeeded();
    const box = (await weights.boundingBox())!;
    await page.mouse.move(box.x + 28, box.y + 28);
    expect(await weights.getAttribute("title")).toMatch(/^hidden node 0: votes most for \d/);
    const last = hidden - 1;
    await page.mouse.move(box.x + (last % perRow) * 59 + 28, box.y + Math.floor(last / perRow) * 59 + 28);
    expect(await weights.getAttribute("title")).toMatch(new RegExp(`^hidden node ${last}: votes most for \\d`));
    expect(await page.locator("#hidden-nodes svg.legend .tick").count()).toBeGreaterThan(2);
    await page.screenshot({path: join(shots, "experiment-5-backquery.png"), fullPage: true});

    // Each back query can be saved as the 28x28 grey PNG the reproduction wrote.
    const links = page.locator("#backquery .png-links a");
    expect(await links.count()).toBe(10);
    expect(await links.nth(3).getAttribute("download")).toBe("backquery-3.png");
    const saved = await links.nth(3).evaluate(
      (a: HTMLAnchorElement) =>
        new Promise<{size: number[]; same: boolean}>((resolve) => {
          const image = new Image();
          image.onload = () => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 28;
            const context = canvas.getContext("2d")!;
            context.drawImage(image, 0, 0);
            const file = context.getImageData(0, 0, 28, 28).data;
            const shown = (document.querySelectorAll("#backquery canvas")[3] as HTMLCanvasElement)
              .getContext("2d")!
              .getImageData(0, 0, 28, 28).data;
            resolve({size: [image.naturalWidth, image.naturalHeight], same: file.every((v, i) => v === shown[i])});
          };
          image.src = a.href;
        })
    );
    expect(saved).toEqual({size: [28, 28], same: true}); // the image shown for label 3, pixel for pixel

    // One row of ten back queries per seed, and how far the seeds agree.
    const seedRows = await page.locator("#seeds .digit-grid").count();
    expect(seedRows).toBeGreaterThanOrEqual(1);
    const seedSpreads = await canvasSpreads(page, "#seeds canvas");
    expect(seedSpreads).toHaveLength(10 * seedRows);
    for (const spread of seedSpreads) expect(spread).toBeGreaterThan(10);
    if (seedRows > 1)
      expect(await page.locator("#seeds").textContent()).toMatch(
        /Mean correlation between two seeds' back queries of the same label \(pixel by pixel\): -?\d\.\d\d over all pixels/
      );

    // Choose lr 0.1, epoch 1: the second row is redrawn from that run's file.
    const before = await page
      .locator("#compare canvas")
      .nth(10)
      .evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await page.locator("select").nth(0).selectOption({label: "0.1"});
    await page.waitForFunction(() => document.querySelector("#compare")?.textContent?.includes("lr 0.1, 20 epochs"));
    await page.locator("select").nth(2).selectOption({label: "1"});
    await page.waitForFunction(() =>
      document.querySelector("#compare")?.textContent?.includes("lr 0.1, 1 epoch, seed 1")
    );
    expect(await page.locator("#compare canvas").count()).toBe(20);
    expect(
      await page
        .locator("#compare canvas")
        .nth(10)
        .evaluate((c: HTMLCanvasElement) => c.toDataURL())
    ).not.toBe(before);
    expect(await page.locator("#compare").textContent()).toMatch(/lr 0\.1, 1 epoch, seed 1: test score \d+\.\d\d%/);
    expect([...bytes.keys()].filter((path) => path.includes("exp5-backquery-"))).toHaveLength(2); // the default rate and 0.1 only
    process.stderr.write(
      `transfer: experiment-5 ${megabytes(total(bytes))} (${bytes.size} files, after choosing a second rate)\n`
    );
    expect(total(bytes)).toBeLessThan(3e6);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the trained network, live", () => {
  it("a drawn 1 is read as 1, with the 28x28 input and ten output bars; Clear empties it", async () => {
    const {page, problems, bytes} = await open("model");
    const canvas = page.locator(".drawing-pad canvas");
    const box = (await canvas.boundingBox())!;
    // A pen stroke straight down the middle, as pointer events from the mouse.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++)
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + (0.7 * step) / 20));
    await page.mouse.up();
    // Polled: the last pointer events can re-run the cell once more after mouse.up, and a re-run
    // replaces the chart (resize draws the new one a frame later), so a single read can see none.
    await expect.poll(() => page.locator("#drawing-result svg.chart .marks rect").count(), {timeout: 10_000}).toBe(10);
    await expect
      .poll(() => page.locator("#drawing-result .answer").textContent(), {timeout: 10_000})
      .toMatch(/It reads 1\b/);
    const [seen] = await canvasSpreads(page, "#drawing-result .digit-grid canvas");
    expect(seen).toBeGreaterThan(10);
    await page.screenshot({path: join(shots, "model-drawn-1.png"), fullPage: true});
    await page.locator(".drawing-pad button", {hasText: "Clear"}).click();
    await page.waitForFunction(() =>
      document.querySelector("#drawing-result .answer")?.textContent?.includes("Draw a digit")
    );
    expect(await page.locator("#drawing-result svg.chart").count()).toBe(0);

    process.stderr.write(`transfer: model ${megabytes(total(bytes))} (${bytes.size} files)\n`);
    expect(total(bytes)).toBeLessThan(3e6);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("any test image can be shown with the outputs; next misclassified finds a wrong answer; the browser's score matches the build's", async () => {
    const {page, problems} = await open("model");
    await page.locator("form.picker input").fill("1234");
    await page.waitForFunction(() => document.querySelector("#test-result")?.textContent?.includes("Test image 1234"));
    expect(await page.locator("#test-result svg.chart .marks rect").count()).toBe(10);
    await page.locator("form.picker button", {hasText: "Next misclassified"}).click();
    await page.waitForFunction(
      () => !document.querySelector("#test-result")?.textContent?.includes("Test image 1234:")
    );
    expect(await page.locator("#test-result").textContent()).toMatch(/Test image (\d+): labelled \d[\s\S]*wrong/);
    const index = Number(await page.locator("form.picker input").inputValue());
    expect(index).toBeGreaterThan(1234);
    await page.waitForFunction(
      () => document.querySelector("#browser-score")?.textContent?.includes("Scored here"),
      null,
      {timeout: 60_000}
    );
    const text = (await page.locator("#browser-score").textContent())!;
    const [here, build] = [...text.matchAll(/(\d+\.\d\d)%/g)].map((m) => Number(m[1]));
    expect(Math.abs(here - build)).toBeLessThan(0.2); // Float64 here, Float32 kernel there: near ties may differ
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("playground", () => {
  it("trains on 5,000 images in a Web Worker and scores above 0.85 on 1,000 test images", async () => {
    const {page, problems, bytes} = await open("playground");
    expect(await page.locator("form input[type=number]").nth(2).inputValue()).toBe("5000"); // training images
    await page.locator("button", {hasText: "Start"}).click();
    await page.waitForSelector(".score[data-final]", {timeout: 60_000});
    const score = Number(await page.locator(".score[data-final]").getAttribute("data-final"));
    expect(score).toBeGreaterThan(0.85);
    expect(await page.locator("#training-panel").textContent()).toMatch(
      /Done after 5,000 samples .* samples\/s\): test score 0\.\d{4} on 1,000 test images/
    );
    expect(await page.locator("#training-panel svg.chart path.line").count()).toBe(1);
    await page.screenshot({path: join(shots, "playground-trained.png"), fullPage: true});
    const training = total(bytes, /mnist-train-/);
    process.stderr.write(
      `transfer: playground ${megabytes(total(bytes))} in all, ${megabytes(training)} without the training images\n`
    );
    expect(training).toBeLessThan(3e6);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the page stays responsive while the slow reference kernel trains, shows live progress, and stops", async () => {
    const {page, problems} = await open("playground");
    await page.locator("select").last().selectOption({label: "Plain loops, Float64 (the reference)"});
    await page.locator("button", {hasText: "Start"}).click();
    await page.waitForFunction(() =>
      document.querySelector("#training-panel .status")?.textContent?.startsWith("Epoch 1 of 1")
    );
    // The main thread answers timers promptly while the worker trains.
    const worstDelay = await page.evaluate(async () => {
      let worst = 0;
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 10));
        worst = Math.max(worst, performance.now() - start - 10);
      }
      return worst;
    });
    expect(worstDelay).toBeLessThan(100);
    const first = await page.locator("#training-panel .status").textContent();
    await page.waitForFunction(
      (before) => document.querySelector("#training-panel .status")?.textContent !== before,
      first
    );
    expect(await page.locator("#training-panel .status").textContent()).toMatch(/samples\/s, test score 0\.\d{4}/);
    await page.locator("button", {hasText: "Stop"}).click();
    await page.waitForSelector(".score[data-final]");
    expect(await page.locator("#training-panel .status").textContent()).toMatch(/^Stopped after [\d,]+ samples/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
