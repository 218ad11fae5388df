// Each component (charts and inputs), rendered in Chromium from a small table: its marks, axes, title,
// labels and legend exist. The components are bundled with esbuild as a page would load them.
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {centreOfMass} from "../fixtures.js";
import {browserScript, launch} from "./browser.js";

let browser: Browser;
let page: Page;
const errors: string[] = [];
beforeAll(async () => {
  const bundle = await browserScript(
    [
      "bar-chart",
      "heatmap",
      "line-chart",
      "confusion-matrix",
      "digit-grid",
      "epoch-player",
      "weight-grid",
      "drawing-pad",
      "range-chart",
      "preview-warning"
    ]
      .map((name, i) => `import * as m${i} from "./src/components/${name}.ts"; Object.assign(globalThis, m${i});`)
      .join("\n")
  );
  browser = await launch();
  page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await page.setContent("<main></main>");
  await page.addScriptTag({content: bundle});
});
afterAll(async () => {
  expect(errors).toEqual([]);
  await browser?.close();
});

/** Renders `code` (an expression using the components) into the page and describes the result. */
const render = (code: string) =>
  page.evaluate((source) => {
    const main = document.querySelector("main")!;
    main.replaceChildren(new Function(`return ${source}`)());
    const text = (selector: string) => Array.from(main.querySelectorAll(selector), (e) => e.textContent ?? "");
    return {
      marks: main.querySelectorAll(".marks > *").length,
      ticks: main.querySelectorAll(".x-axis .tick, .y-axis .tick").length,
      title: text(".chart-title")[0] ?? "",
      axisLabels: text(".x-axis > text, .y-axis > text"),
      legend: text(".legend-item > text, .legend > text"),
      tooltips: text("title"),
      canvases: main.querySelectorAll("canvas").length,
      captions: text("figcaption")
    };
  }, code);

describe("chart components", () => {
  it("rangeChart: a row per category with its seeds, range and figures; long labels wrap on a narrow chart", async () => {
    const seeds = `[0.95, 0.96, 0.97].map((v, i) => ({c: "a, short one", v, seed: i + 1})).concat([0.90, 0.92].map((v) => ({c: "b", v})))`;
    const figures = `[{c: "a, short one", v: 0.975}, {c: "b", v: 0.91}, {c: "c, figures only", v: 0.93}]`;
    const got = await render(
      `rangeChart(${seeds}, {y: (r) => r.c, x: (r) => r.v, marks: {rows: ${figures}, y: (r) => r.c, x: (r) => r.v, label: "published"}, title: "T", xLabel: "Score"})`
    );
    expect(got.marks).toBe(3); // one row per category, the figures-only one too
    expect(got).toMatchObject({title: "T", axisLabels: ["Score"]});
    const categories = () =>
      page.evaluate(() => Array.from(document.querySelectorAll("main .y-axis .tick text"), (t) => t.textContent));
    expect(await categories()).toEqual(["a, short one", "b", "c, figures only"]);
    expect(got.legend).toEqual(["each seed", "their range and mean", "published"]);
    expect(got.tooltips).toEqual(
      expect.arrayContaining(["a, short one: range 0.9500–0.9700, mean 0.9600 (3 values)", "published: 0.9750"])
    );
    const shape = await page.evaluate(() => ({
      ranges: document.querySelectorAll("main .range-row rect.range").length,
      dots: document.querySelectorAll("main .range-row circle").length,
      figures: document.querySelectorAll("main .range-row path.figure").length
    }));
    expect(shape).toEqual({ranges: 2, dots: 5, figures: 3});
    const long = "200 hidden, lr 0.01, 10 epochs, with rotations (rotations notebook)";
    const narrow = await render(
      `rangeChart([{c: ${JSON.stringify(long)}, v: 0.97}], {y: (r) => r.c, x: (r) => r.v, width: 300})`
    );
    expect(narrow.marks).toBe(1);
    expect(await categories()).toEqual([long.replace(", with", ",with")]); // two lines, split after a comma
    const lines = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main .y-axis tspan"), (t) =>
        (t as SVGTextContentElement).getComputedTextLength()
      )
    );
    expect(lines).toHaveLength(2);
    for (const length of lines) expect(length).toBeLessThanOrEqual(300 - 40);
  });

  it("barChart: a bar per row with title, labelled axes and tooltips", async () => {
    const got = await render(
      `barChart([{d: 0, v: 0.9}, {d: 1, v: 0.95}, {d: 2, v: 0.8}], {x: (r) => r.d, y: (r) => r.v, title: "T", xLabel: "Digit", yLabel: "Accuracy"})`
    );
    expect(got.marks).toBe(3);
    expect(got.ticks).toBeGreaterThan(3);
    expect(got).toMatchObject({title: "T", axisLabels: ["Digit", "Accuracy"]});
    expect(got.tooltips).toEqual(["0: 0.900", "1: 0.950", "2: 0.800"]);
  });

  it("lineChart: lines, band, dots, reference and best point, with a legend", async () => {
    const got =
      await render(`lineChart([{x: 1, m: 0.9, lo: 0.88, hi: 0.92}, {x: 2, m: 0.95, lo: 0.94, hi: 0.96}, {x: 3, m: 0.93, lo: 0.9, hi: 0.95}], {
      x: (r) => r.x, y: (r) => r.m, band: {low: (r) => r.lo, high: (r) => r.hi, label: "interval"},
      dots: {rows: [{x: 1, y: 0.89}, {x: 2, y: 0.96}], x: (r) => r.x, y: (r) => r.y, label: "seeds"},
      reference: {rows: [{x: 1, y: 0.91}], x: (r) => r.x, y: (r) => r.y, label: "book"},
      highlight: (r) => r.x === 2, title: "Score", xLabel: "Epoch", yLabel: "Score", xType: "log"})`);
    expect(got.marks).toBeGreaterThanOrEqual(5); // band, line, dots, reference, points, highlight
    expect(got).toMatchObject({
      title: "Score",
      axisLabels: ["Epoch", "Score"],
      legend: ["interval", "seeds", "book", "best"]
    });
    expect(got.tooltips.filter((t) => t.startsWith("Epoch"))).toEqual([
      "Epoch 1: 0.9000",
      "Epoch 2: 0.9500",
      "Epoch 3: 0.9300"
    ]);
  });

  it("heatmap: a cell per row, values, outlined cells and a colour legend", async () => {
    const got =
      await render(`heatmap([{a: 1, b: "x", v: 3}, {a: 2, b: "x", v: 5}, {a: 1, b: "y", v: 7}, {a: 2, b: "y", v: 9}], {
      x: (r) => r.a, y: (r) => r.b, fill: (r) => r.v, text: true, legend: "value", title: "H", xLabel: "A", yLabel: "B", highlight: (r) => r.v === 9})`);
    expect(got.marks).toBe(4);
    expect(got).toMatchObject({title: "H", axisLabels: ["A", "B"], legend: ["value"]});
    expect(await page.locator("main rect[stroke='currentColor']").count()).toBe(1);
    expect(await page.locator("main .legend .tick").count()).toBeGreaterThan(1);
  });

  it("confusionMatrix: 100 cells for digits, labelled axes, the diagonal outlined", async () => {
    const got =
      await render(`confusionMatrix(Array.from({length: 100}, (_, i) => ({a: Math.floor(i / 10), p: i % 10, n: i % 11 === 0 ? 900 : i % 7})), {
      actual: (r) => r.a, predicted: (r) => r.p, count: (r) => r.n})`);
    expect(got.marks).toBe(100);
    expect(got.axisLabels).toEqual(["Predicted digit", "True digit"]);
    expect(await page.locator("main rect[stroke='currentColor']").count()).toBe(10);
  });

  it("digitGrid: a canvas with ink and a caption per image", async () => {
    const got = await render(
      `digitGrid([{p: new Uint8Array(784).fill(255), c: "a"}, {p: new Uint8Array(784), c: "b"}], {pixels: (r) => r.p, caption: (r) => r.c})`
    );
    expect(got.canvases).toBe(2);
    expect(got.captions).toEqual(["a", "b"]);
    const ink = await page.evaluate(() =>
      Array.from(document.querySelectorAll("canvas"), (c) => c.getContext("2d")!.getImageData(14, 14, 1, 1).data[0])
    );
    expect(ink).toEqual([0, 255]); // full ink is black, no ink is white
  });

  it("player: the slider sets the value and play steps it", async () => {
    await render(`player({min: 1, max: 3, label: "Epoch", interval: 50})`);
    const values = await page.evaluate(async () => {
      const form = document.querySelector("form") as HTMLFormElement & {value: number};
      const seen: number[] = [];
      form.addEventListener("input", () => seen.push(form.value));
      form.querySelector("button")!.click();
      await new Promise((r) => setTimeout(r, 300));
      return seen;
    });
    expect(values).toEqual([2, 3]);
  });

  it("weightGrid: one image per weight vector on a diverging scale centred on zero, with a legend", async () => {
    // Three 2x2 "images": all negative, all zero, all positive (beyond the limit: clamped).
    await render(
      `weightGrid([[-1, -1, -1, -1], [0, 0, 0, 0], [5, 5, 5, 5]], {side: 2, limit: 1, title: "W", tooltip: (i) => "node " + i})`
    );
    const cells = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main canvas"), (c) => ({
        rgb: Array.from((c as HTMLCanvasElement).getContext("2d")!.getImageData(0, 0, 1, 1).data.slice(0, 3)),
        title: (c as HTMLCanvasElement).title
      }))
    );
    expect(cells.map((c) => c.title)).toEqual(["node 0", "node 1", "node 2"]);
    const [negative, zero, positive] = cells.map((c) => c.rgb);
    expect(negative[0]).toBeGreaterThan(negative[2] + 50); // red
    expect(Math.min(...zero)).toBeGreaterThan(230); // near white
    expect(positive[2]).toBeGreaterThan(positive[0] + 50); // blue
    expect(await page.locator("main svg.legend .tick").count()).toBeGreaterThan(2);
  });

  it("drawingPad: a pointer stroke becomes a centred 28x28 digit, live; Clear empties it", async () => {
    await render(`drawingPad({size: 200, pen: 16})`);
    await page.evaluate(() => {
      const pad = document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array};
      (globalThis as any).inputs = 0;
      pad.addEventListener("input", () => (globalThis as any).inputs++);
    });
    const box = (await page.locator(".drawing-pad canvas").boundingBox())!;
    // A horizontal stroke in the top-left corner: the digit comes out centred all the same.
    await page.mouse.move(box.x + 20, box.y + 30);
    await page.mouse.down();
    for (let x = 20; x <= 80; x += 10) await page.mouse.move(box.x + x, box.y + 30);
    const whileDrawing = await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => r((globalThis as any).inputs)))
    );
    await page.mouse.up();
    expect(whileDrawing).toBeGreaterThan(0); // updates before the pen is lifted
    const digit = await page.evaluate(() =>
      Array.from((document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array}).value)
    );
    expect(digit).toHaveLength(784);
    const [cx, cy] = centreOfMass(digit);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(digit.filter((v) => v > 0).length).toBeGreaterThan(20); // a 20-wide bar of ink
    await page.locator(".drawing-pad button", {hasText: "Clear"}).click();
    await page.waitForFunction(() =>
      (document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array}).value.every((v) => v === 0)
    );

    // A finger and a pen draw the same way: pointer events of those types ink the pad too.
    for (const pointerType of ["touch", "pen"]) {
      const inked = await page.evaluate(async (type) => {
        const pad = document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array};
        const canvas = pad.querySelector("canvas")!;
        const box = canvas.getBoundingClientRect();
        const at = (name: string, y: number) =>
          canvas.dispatchEvent(
            new PointerEvent(name, {
              pointerId: 7,
              pointerType: type,
              isPrimary: true,
              bubbles: true,
              clientX: box.left + 100,
              clientY: box.top + y
            })
          );
        at("pointerdown", 40);
        for (let y = 50; y <= 160; y += 10) at("pointermove", y);
        at("pointerup", 160);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const ink = pad.value.filter((v) => v > 0).length;
        pad.querySelector("button")!.click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return ink;
      }, pointerType);
      expect(inked, pointerType).toBeGreaterThan(20);
    }
  });
});

describe("previewWarning, what data a page was built from", () => {
  const official = {trainSamples: 60000, trainLimit: 0, trainImages: 60000, testSamples: 10000, officialDataset: true};
  const small = {trainSamples: 2000, trainLimit: 0, trainImages: 2000, testSamples: 500, officialDataset: false};
  /** The element previewWarning(row, extra) draws: its tag, class, label, text and code elements. */
  const notice = (row: object, extra?: string) =>
    page.evaluate(
      ([row, extra]) => {
        const main = document.querySelector("main")!;
        const g = globalThis as unknown as {previewWarning: (row: object, extra?: string) => HTMLElement};
        main.replaceChildren(g.previewWarning(row as object, extra as string | undefined));
        const element = main.firstElementChild!;
        return {
          tag: element.tagName.toLowerCase(),
          className: element.className,
          label: element.getAttribute("label"),
          text: element.textContent,
          code: Array.from(element.querySelectorAll("code"), (c) => c.textContent)
        };
      },
      [row, extra] as const
    );

  it("all of the official MNIST: a quiet line of its image counts", async () => {
    expect(await notice(official)).toEqual({
      tag: "p",
      className: "data-source",
      label: null,
      text: "Built from the official MNIST set: 60,000 training and 10,000 test images.",
      code: []
    });
  });

  it("other files: Framework's labelled warning, with the counts and MNIST_DIR as code", async () => {
    const got = await notice(small, "Not comparable with the book's either.");
    expect(got).toMatchObject({tag: "div", className: "warning", label: "Other data"});
    expect(got.text).toMatch(
      /^Built from 2,000 training and 500 test images in MNIST_DIR, not the official MNIST set: .* Not comparable with the book's either\.$/
    );
    expect(got.code).toEqual(["MNIST_DIR", "npm run build", "MNIST_DIR"]);
  });

  it("a train limit: the Preview build warning naming TRAIN_LIMIT", async () => {
    const got = await notice({...official, trainSamples: 2000, trainLimit: 2000});
    expect(got).toMatchObject({tag: "div", className: "warning", label: "Preview build"});
    expect(got.code).toContain("TRAIN_LIMIT=2000");
  });
});
