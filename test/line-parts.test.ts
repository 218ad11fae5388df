import * as d3 from "d3";
import {describe, expect, it} from "vitest";
import {describeLines, headroom} from "../src/components/line-parts.js";

describe("a line chart's headroom", () => {
  it("raises the top so the highest marked point sits `room` px under it, leaving the bottom", () => {
    const [low, high] = headroom([0.9, 0.96], [0.96], 300, 30);
    expect(low).toBe(0.9);
    const y = d3.scaleLinear().domain([low, high]).range([300, 0]);
    expect(y(0.96)).toBeCloseTo(30, 6);
  });

  it("changes nothing when nothing is marked or the marked point is low enough", () => {
    expect(headroom([0, 1], [], 300)).toEqual([0, 1]);
    expect(headroom([0, 1], [0.5], 300)).toEqual([0, 1]);
  });
});

describe("a line chart's description", () => {
  const rows = [
    {lr: 0.1, score: 0.95, s: "test"},
    {lr: 0.2, score: 0.953, s: "test"},
    {lr: 0.3, score: 0.94, s: "test"}
  ];
  const base = {
    x: (r: (typeof rows)[number]) => r.lr,
    y: (r: (typeof rows)[number]) => r.score,
    xLabel: "Learning rate",
    yLabel: "Test score"
  };

  it("names the highlighted point with its label and value", () => {
    const text = describeLines(rows, {
      ...base,
      highlight: (r) => r.lr === 0.2,
      highlightLabel: (r) => `best mean: lr ${r.lr}`
    });
    expect(text).toBe("best mean: lr 0.2, test score 0.9530");
  });

  it("else gives each series' value at the last x", () => {
    const two = [...rows, ...rows.map((r) => ({...r, s: "train", score: r.score + 0.01}))];
    expect(describeLines(two, {...base, series: (r) => r.s})).toBe(
      "Test score at learning rate 0.3: test 0.9400, train 0.9500"
    );
  });
});
