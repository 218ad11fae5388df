import {describe, expect, it} from "vitest";
import {digitFromDrawing} from "../lib/digit-preprocessing.js";
import {centreOfMass} from "./fixtures.js";

/** A width x height drawing with ink 1 wherever `inked(x, y)`. */
function drawing(width: number, height: number, inked: (x: number, y: number) => boolean): Float64Array {
  return Float64Array.from({length: width * height}, (_, i) => (inked(i % width, Math.floor(i / width)) ? 1 : 0));
}

/** The 28x28 result as rows of "#" (255), "." (0) and "+" (anything between). */
const picture = (digit: Uint8Array) =>
  Array.from({length: 28}, (_, y) =>
    Array.from(digit.subarray(y * 28, y * 28 + 28), (v) => (v === 255 ? "#" : v === 0 ? "." : "+")).join("")
  );

describe("drawing preprocessing (MNIST style)", () => {
  it("an L stroke is scaled into a 20x20 box and placed by its centre of mass, not its box", () => {
    // 60x60 ink box -> 20x20 (each new pixel averages 3x3): a 2-pixel-wide upright at the left
    // and a 2-pixel-high foot along the bottom. Centre of mass (5.74, 14.26) -> shift (8, 0).
    const ink = drawing(100, 90, (x, y) => x >= 20 && x < 80 && y >= 10 && y < 70 && (x < 26 || y >= 64));
    const digit = digitFromDrawing(ink, 100, 90);
    const expected = Array.from({length: 28}, (_, y) =>
      Array.from({length: 28}, (_, x) =>
        y < 20 && (x === 8 || x === 9 || (x >= 8 && x < 28 && y >= 18)) ? "#" : "."
      ).join("")
    );
    expect(picture(digit)).toEqual(expected);
    const [cx, cy] = centreOfMass(digit);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it("a stroke of a thin vertical 1 keeps its aspect ratio and lands in the middle", () => {
    // 12 x 60 ink -> 4 x 20; centre of mass (2, 10) -> shift (12, 4): columns 12-15, rows 4-23.
    const digit = digitFromDrawing(
      drawing(50, 80, (x, y) => x >= 30 && x < 42 && y >= 5 && y < 65),
      50,
      80
    );
    const expected = Array.from({length: 28}, (_, y) =>
      Array.from({length: 28}, (_, x) => (x >= 12 && x < 16 && y >= 4 && y < 24 ? "#" : ".")).join("")
    );
    expect(picture(digit)).toEqual(expected);
    expect(centreOfMass(digit)).toEqual([14, 14]);
  });

  it("partly covered pixels become grey levels, averaged over the area they cover", () => {
    // 40x40 box -> 20x20, each new pixel averaging 2x2. A checkerboard of 2x2 blocks at half
    // ink (one of each pair of columns) gives 128 everywhere: round(255 * 0.5).
    const ink = drawing(40, 40, (x) => x % 2 === 0);
    ink[39] = 1; // the box must reach the last column
    const digit = digitFromDrawing(ink, 40, 40);
    const inside = Array.from(digit).filter((v) => v > 0);
    expect(inside).toHaveLength(400);
    expect(new Set(inside.slice(0, 19))).toEqual(new Set([128]));
    // Fractional grey levels: 0.3 ink everywhere stays 0.3 -> 77.
    const faint = digitFromDrawing(new Float64Array(40 * 40).fill(0.3), 40, 40);
    expect(faint[14 * 28 + 14]).toBe(77);
    expect(Array.from(faint).filter((v) => v > 0)).toHaveLength(400);
  });

  it("an empty drawing is all background, and a bad size is an error", () => {
    expect(Array.from(digitFromDrawing(new Float64Array(100), 10, 10)).every((v) => v === 0)).toBe(true);
    expect(() => digitFromDrawing(new Float64Array(99), 10, 10)).toThrow(/ink holds 99 values, expected 10 x 10 = 100/);
    expect(() => digitFromDrawing(new Float64Array(0), 0, 10)).toThrow(/drawing size/);
  });
});
