import * as d3 from "d3";
import {describe, expect, it} from "vitest";
import {valueLabelSize} from "../src/components/bar-chart.js";
import type {Measure} from "../src/components/text-fit.js";
import {
  bandTicks,
  fitLinearTicks,
  numericTicks,
  roundness,
  spreadOrder,
  thinTicks
} from "../src/components/tick-fit.js";

// A deterministic stand-in for the browser's font: every character half the font size wide.
const measure: Measure = (text, {size}) => text.length * size * 0.5;
const width = (label: string) => measure(label, {size: 10});

/** Labels centred on their ticks keep `gap` px apart and stay within [min, max]. */
function expectApart(ticks: {x: number; label: string}[], min: number, max: number, gap: number) {
  const sorted = [...ticks].sort((a, b) => a.x - b.x);
  sorted.forEach((t, i) => {
    expect(t.x - width(t.label) / 2).toBeGreaterThanOrEqual(min);
    expect(t.x + width(t.label) / 2).toBeLessThanOrEqual(max);
    if (i)
      expect(t.x - width(t.label) / 2 - (sorted[i - 1].x + width(sorted[i - 1].label) / 2)).toBeGreaterThanOrEqual(gap);
  });
}

describe("tick thinning", () => {
  // Experiment 2's learning rates on a log axis: crowded at the top end.
  const rates = [0.01, 0.02, 0.05, 0.1, 0.15, 0.18, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const ticksAt = (px: number) => {
    const x = d3
      .scaleLog()
      .domain([0.01 / 1.15, 0.9 * 1.15])
      .range([40, px - 20]);
    return rates.map((value) => ({value, x: x(value), label: String(value)}));
  };

  it("keeps labels of a log axis apart at every width, more of them the wider it is", () => {
    let previous = 0;
    for (const px of [280, 400, 640, 1000, 1600]) {
      const kept = thinTicks(ticksAt(px), {min: 0, max: px, measure});
      expectApart(kept, 0, px, 6);
      expect(kept.length).toBeGreaterThanOrEqual(previous);
      previous = kept.length;
    }
    expect(previous).toBeGreaterThan(10);
  });

  it("keeps the ends and round values first: 0.1 and 0.5 before 0.15 and 0.18", () => {
    const kept = thinTicks(ticksAt(300), {min: 0, max: 300, measure}).map((t) => t.value);
    expect(kept).toEqual(expect.arrayContaining([0.01, 0.1, 0.9]));
    expect(kept).not.toContain(0.15);
    expect(roundness(0.1)).toBeGreaterThan(roundness(0.5));
    expect(roundness(0.5)).toBeGreaterThan(roundness(0.3));
    expect(roundness(0.3)).toBeGreaterThan(roundness(0.15));
  });

  it("keeps every k-th of evenly spaced ticks, the smallest k that fits", () => {
    const ticks = d3.range(1, 16).map((value) => ({value, x: 20 * value, label: String(value)}));
    expect(thinTicks(ticks, {min: 0, max: 400, measure}).map((t) => t.value)).toEqual(d3.range(1, 16));
    const kept = thinTicks(ticks, {min: 0, max: 400, measure, gap: 12}).map((t) => t.value);
    expect(kept).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
  });

  it("orders indices from the ends inwards, each once", () => {
    expect(spreadOrder(5)).toEqual([0, 4, 2, 1, 3]);
    expect([...spreadOrder(12)].sort((a, b) => a - b)).toEqual(d3.range(12));
  });

  it("lowers a linear axis's tick count until its labels fit, d3 still choosing the values", () => {
    const x = d3.scaleLinear().domain([0, 1000]).range([10, 130]);
    const wide = fitLinearTicks(x.copy().range([10, 1000]), 10, {min: 0, max: 1020, measure});
    expect(wide.values).toEqual(x.ticks(10));
    const narrow = fitLinearTicks(x, 10, {min: 0, max: 140, measure});
    expect(narrow.values.length).toBeLessThan(x.ticks(10).length);
    expect(narrow.values.length).toBeGreaterThan(1);
    expectApart(
      narrow.values.map((v) => ({x: x(v), label: narrow.format(v)})),
      0,
      140,
      6
    );
  });

  it("fits a page's own list and d3's log candidates alike", () => {
    const x = d3.scaleLog().domain([5, 1200]).range([40, 300]);
    const sizes = [5, 10, 20, 50, 100, 200, 300, 500, 1000];
    const own = numericTicks(x, {type: "log", values: sizes, count: 5, min: 0, max: 320, measure});
    expectApart(
      own.values.map((v) => ({x: x(v), label: own.format(v)})),
      0,
      320,
      6
    );
    expect(own.values).not.toEqual(sizes); // 200, 300 and 500 cannot all be labelled in 260 px
    const auto = numericTicks(x, {type: "log", count: 5, min: 0, max: 320, measure});
    expect(auto.values).toEqual(expect.arrayContaining([10, 100, 1000]));
  });

  it("thins a band axis's categories, vertically by line height", () => {
    const y = d3
      .scaleBand<string>()
      .domain(d3.range(15).map(String))
      .range([0, 15 * 9]);
    const kept = bandTicks(y, {min: -6, max: 141, vertical: true, measure});
    expect(kept.length).toBeLessThan(15);
    for (let i = 1; i < kept.length; i++) expect(y(kept[i])! - y(kept[i - 1])!).toBeGreaterThanOrEqual(14);
  });
});

describe("bar value labels", () => {
  it("are 11 px when they fit the bar, 9 px when they fit its step, else left to the tooltips", () => {
    const labels = ["0.982", "0.957"]; // 5 characters: 27.5 px at 11, 22.5 at 9
    expect(valueLabelSize(labels, 30, 38, measure)).toBe(11);
    expect(valueLabelSize(labels, 22, 27, measure)).toBe(9);
    expect(valueLabelSize(labels, 18, 23, measure)).toBe(0);
  });
});
