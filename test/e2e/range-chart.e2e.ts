// rangeChart, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["range-chart"]);

describe("rangeChart", () => {
  it("rangeChart: a row per category with its seeds, range and figures; long labels wrap on a narrow chart", async () => {
    const seeds = `[0.95, 0.96, 0.97].map((v, i) => ({c: "a, short one", v, seed: i + 1})).concat([0.90, 0.92].map((v) => ({c: "b", v})))`;
    const figures = `[{c: "a, short one", v: 0.975}, {c: "b", v: 0.91}, {c: "c, figures only", v: 0.93}]`;
    const got = await render(
      `rangeChart(${seeds}, {y: (r) => r.c, x: (r) => r.v, marks: {rows: ${figures}, y: (r) => r.c, x: (r) => r.v, label: "published"}, title: "T", xLabel: "Score"})`
    );
    expect(got.marks).toBe(3); // one row per category, the figures-only one too
    expect(got).toMatchObject({title: "T", axisLabels: ["Score"]});
    const categories = () =>
      page().evaluate(() => Array.from(document.querySelectorAll("main .y-axis .tick text"), (t) => t.textContent));
    expect(await categories()).toEqual(["a, short one", "b", "c, figures only"]);
    expect(got.legend).toEqual(["each seed", "their range and mean", "published"]);
    expect(got.tooltips).toEqual(
      expect.arrayContaining(["a, short one: range 0.9500–0.9700, mean 0.9600 (3 values)", "published: 0.9750"])
    );
    const shape = await page().evaluate(() => ({
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
    const lines = await page().evaluate(() =>
      Array.from(document.querySelectorAll("main .y-axis tspan"), (t) =>
        (t as SVGTextContentElement).getComputedTextLength()
      )
    );
    expect(lines).toHaveLength(2);
    for (const length of lines) expect(length).toBeLessThanOrEqual(300 - 40);
  });
});
