import {describe, expect, it} from "vitest";
import {wrap} from "../src/components/chart-frame.js";

describe("chart titles", () => {
  const title = "Input weights of the 100 hidden nodes (colours stop at ±0.52, the 99.9th percentile of |weight|)";

  it("wrap at spaces into lines that fit, keeping every word in order", () => {
    for (const columns of [20, 40, 60]) {
      const lines = wrap(title, columns);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      expect(lines.join(" ")).toBe(title);
    }
  });

  it("stay on one line when they fit, and give a word longer than a line a line of its own", () => {
    expect(wrap(title, title.length)).toEqual([title]);
    expect(wrap("a extraordinarily b", 5)).toEqual(["a", "extraordinarily", "b"]);
  });
});
