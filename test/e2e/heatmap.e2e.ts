// heatmap, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["heatmap"]);

describe("heatmap", () => {
  it("heatmap: a cell per row, values, outlined cells and a colour legend", async () => {
    const got =
      await render(`heatmap([{a: 1, b: "x", v: 3}, {a: 2, b: "x", v: 5}, {a: 1, b: "y", v: 7}, {a: 2, b: "y", v: 9}], {
      x: (r) => r.a, y: (r) => r.b, fill: (r) => r.v, text: true, legend: "value", title: "H", xLabel: "A", yLabel: "B", highlight: (r) => r.v === 9})`);
    expect(got.marks).toBe(4);
    expect(got).toMatchObject({title: "H", axisLabels: ["A", "B"], legend: ["value"]});
    expect(await page().locator("main rect[stroke='currentColor']").count()).toBe(1);
    expect(await page().locator("main .legend .tick").count()).toBeGreaterThan(1);
  });
});
