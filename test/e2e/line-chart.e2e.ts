// lineChart, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {render} = componentPage(["line-chart"]);

describe("lineChart", () => {
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
});
