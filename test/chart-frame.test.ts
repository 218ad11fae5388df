import {describe, expect, it} from "vitest";
import {yAxisSpace, yTitleLines} from "../src/components/chart-frame.js";
import {
  type Box,
  legendLayout,
  type Measure,
  overlaps,
  placeLabel,
  textBox,
  wrapLines
} from "../src/components/text-fit.js";

// A deterministic stand-in for the browser's font: every character half the font size wide.
const measure: Measure = (text, {size}) => text.length * size * 0.5;
const font = {size: 10};

describe("chart titles", () => {
  const title = "Input weights of the 100 hidden nodes (colours stop at ±0.52, the 99.9th percentile of |weight|)";

  it("wrap at spaces into lines no wider than the width, keeping every word in order", () => {
    for (const width of [100, 200, 300]) {
      const lines = wrapLines(title, width, font, measure);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(measure(line, font)).toBeLessThanOrEqual(width);
      expect(lines.join(" ")).toBe(title);
    }
  });

  it("stay on one line when they fit, and give a word longer than a line a line of its own", () => {
    expect(wrapLines(title, measure(title, font), font, measure)).toEqual([title]);
    expect(wrapLines("a extraordinarily b", 25, font, measure)).toEqual(["a", "extraordinarily", "b"]);
  });

  it("break after a comma rather than split a phrase, when the line stays well filled", () => {
    const caption = "Weight (red: negative, white: zero, blue: positive)";
    // 41 characters would fit: "... zero, blue:" then "positive)"; the phrase break keeps "blue: positive)" whole.
    expect(wrapLines(caption, 41 * 5, font, measure)).toEqual([
      "Weight (red: negative, white: zero,",
      "blue: positive)"
    ]);
  });
});

describe("y axis", () => {
  it("takes room for its widest tick label and every line of its title", () => {
    const narrow = yAxisSpace(["0.1", "0.2"], "Score", 200, measure);
    const wide = yAxisSpace(["−0.008", "0.004"], "Score", 200, measure);
    expect(wide - narrow).toBeCloseTo(measure("−0.008", font) - measure("0.1", font));
    const long = "First 10,000 training images − test";
    expect(yTitleLines(long, 150, measure)).toHaveLength(2);
    expect(yAxisSpace(["0.1"], long, 150, measure) - yAxisSpace(["0.1"], long, 400, measure)).toBe(14);
    expect(yAxisSpace(["0.1"], undefined, 200, measure)).toBeLessThan(narrow);
  });
});

describe("legend layout", () => {
  const labels = [
    "lr 0.01",
    "lr 0.025",
    "95% interval of the mean",
    "each seed",
    "the reproduction, test set (one seed)"
  ];
  const boxes = (width: number) => {
    const {places, height} = legendLayout(labels, width, {measure});
    const entries = places.map((p) => ({
      left: p.x,
      right: p.x + 22 + Math.max(...p.lines.map((l) => measure(l, {size: 12}))),
      top: p.y,
      bottom: p.y + 15 * p.lines.length
    }));
    return {entries, height, places};
  };

  it("keeps every entry within the width and clear of the others, wrapping rows and long labels", () => {
    for (const width of [150, 260, 400, 1000]) {
      const {entries, height} = boxes(width);
      entries.forEach((e, i) => {
        expect(e.left).toBeGreaterThanOrEqual(0);
        expect(e.right).toBeLessThanOrEqual(width);
        expect(e.bottom).toBeLessThanOrEqual(height);
        for (const other of entries.slice(i + 1)) expect(overlaps(e, other)).toBe(false);
      });
    }
  });

  it("takes one row when all fit, and wraps a label wider than the legend onto lines", () => {
    expect(boxes(1000).height).toBe(18);
    const narrow = boxes(150);
    expect(narrow.places[4].lines.length).toBeGreaterThan(1);
    expect(narrow.places[4].lines.join(" ")).toBe(labels[4]);
  });
});

describe("annotations", () => {
  const plot: Box = {left: 50, top: 40, right: 300, bottom: 200};
  const width = 140;

  it("stay inside the plot: above a point when there is room, shifted or below at an edge", () => {
    for (const point of [
      {x: 175, y: 120},
      {x: 295, y: 120},
      {x: 55, y: 120},
      {x: 295, y: 45},
      {x: 55, y: 195}
    ]) {
      const at = placeLabel(point, width, plot);
      expect(at.box.left).toBeGreaterThanOrEqual(plot.left);
      expect(at.box.right).toBeLessThanOrEqual(plot.right);
      expect(at.box.top).toBeGreaterThanOrEqual(plot.top);
      expect(at.box.bottom).toBeLessThanOrEqual(plot.bottom);
      expect(at.box).toEqual(textBox(at.x, at.y, width, at.anchor));
    }
    expect(placeLabel({x: 175, y: 120}, width, plot).anchor).toBe("middle");
    expect(placeLabel({x: 280, y: 120}, width, plot).anchor).toBe("end"); // ends just right of the point
    expect(placeLabel({x: 298, y: 120}, width, plot).box.right).toBe(plot.right); // slid in from the edge, still above
    expect(placeLabel({x: 298, y: 120}, width, plot).y).toBeLessThan(120);
    expect(placeLabel({x: 175, y: 45}, width, plot).y).toBeGreaterThan(45); // below the point
  });

  it("of several lines stay inside the plot too, all their lines counted", () => {
    for (const point of [
      {x: 175, y: 45},
      {x: 175, y: 195},
      {x: 295, y: 120}
    ]) {
      const at = placeLabel(point, width, plot, {lines: 2});
      expect(at.box.bottom - at.box.top).toBeGreaterThan(
        textBox(0, 0, width, "start").bottom - textBox(0, 0, width, "start").top + 14
      );
      expect(at.box.top).toBeGreaterThanOrEqual(plot.top);
      expect(at.box.bottom).toBeLessThanOrEqual(plot.bottom);
    }
  });

  it("do not cover text placed before them", () => {
    const first = placeLabel({x: 175, y: 120}, width, plot);
    const second = placeLabel({x: 180, y: 122}, width, plot, {avoid: [first.box]});
    expect(overlaps(first.box, second.box)).toBe(false);
  });
});
