// barChart, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {render} = componentPage(["bar-chart"]);

describe("barChart", () => {
  it("barChart: a bar per row with title, labelled axes and tooltips", async () => {
    const got = await render(
      `barChart([{d: 0, v: 0.9}, {d: 1, v: 0.95}, {d: 2, v: 0.8}], {x: (r) => r.d, y: (r) => r.v, title: "T", xLabel: "Digit", yLabel: "Accuracy"})`
    );
    expect(got.marks).toBe(3);
    expect(got.ticks).toBeGreaterThan(3);
    expect(got).toMatchObject({title: "T", axisLabels: ["Digit", "Accuracy"]});
    expect(got.tooltips).toEqual(["0: 0.900", "1: 0.950", "2: 0.800"]);
  });
});
