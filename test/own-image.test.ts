import * as d3 from "d3";
import {describe, expect, it} from "vitest";
import {digitFromDrawing} from "../lib/digit-preprocessing.js";
import {bookDigit, centredDigit, inkFromRgba} from "../lib/own-image.js";
import {centreOfMass, firstDifference, real} from "./fixtures.js";

/** The first test image (a 7), 784 grey levels 0 (paper) to 255 (ink). */
const seven = () => real().test.pixels.slice(0, 784);

/**
 * RGBA pixels of a 28x28 digit drawn `factor` times larger (each pixel a factor x factor block),
 * its ink level v (0..255) given to `colour(v)` as [r, g, b, a].
 */
function rgbaOf(digit: Uint8Array, factor: number, colour: (v: number) => number[]): Uint8ClampedArray {
  const side = 28 * factor;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      rgba.set(colour(digit[Math.floor(y / factor) * 28 + Math.floor(x / factor)]), 4 * (y * side + x));
  return rgba;
}

const darkOnLight = (v: number) => [255 - v, 255 - v, 255 - v, 255];
const lightOnDark = (v: number) => [v, v, v, 255];
const blackOnTransparent = (v: number) => [0, 0, 0, v];
const whiteOnTransparent = (v: number) => [255, 255, 255, v];

describe("a reader's own image", () => {
  it.each([
    ["dark ink on light paper", darkOnLight],
    ["light ink on dark paper", lightOnDark],
    ["ink on a transparent background", blackOnTransparent],
    ["ink on a transparent background", whiteOnTransparent]
  ] as const)("%s is detected, and the book's way gives the digit back grey level for grey level", (source, colour) => {
    const digit = seven();
    const image = inkFromRgba(rgbaOf(digit, 1, colour), 28, 28);
    expect(image.source).toBe(source);
    expect(firstDifference(bookDigit(image), digit)).toBe(-1);
  });

  it("an image five times larger is averaged back to the same 28x28 digit", () => {
    const digit = seven();
    const image = inkFromRgba(rgbaOf(digit, 5, darkOnLight), 140, 140);
    expect(firstDifference(bookDigit(image), digit)).toBe(-1);
  });

  it("a wide image keeps its aspect ratio in the book's way: scaled to 28 wide, centred in height", () => {
    // 56 x 28, white paper, a black bar in rows 10-17: 28 x 14 after scaling, placed at rows 7-20,
    // so the bar lands on rows 7 + 5 ... 7 + 8.
    const rgba = new Uint8ClampedArray(56 * 28 * 4);
    for (let i = 0; i < 56 * 28; i++) {
      const y = Math.floor(i / 56);
      rgba.set(y >= 10 && y < 18 ? [0, 0, 0, 255] : [255, 255, 255, 255], 4 * i);
    }
    const digit = bookDigit(inkFromRgba(rgba, 56, 28));
    const inkedRows = Array.from({length: 28}, (_, y) => y).filter((y) => digit[y * 28 + 14] > 0);
    expect(inkedRows).toEqual([12, 13, 14, 15]);
    expect(digit[12 * 28]).toBe(255); // the bar spans the whole width
  });

  it("the centred way fits the ink to 20x20 and centres it by mass, like the drawing pad", () => {
    const digit = seven();
    const centred = centredDigit(inkFromRgba(rgbaOf(digit, 4, darkOnLight), 112, 112));
    const [cx, cy] = centreOfMass(centred);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    const rows = Array.from({length: 28}, (_, y) => centred.subarray(y * 28, y * 28 + 28).some((v) => v > 0));
    const cols = Array.from({length: 28}, (_, x) => Array.from({length: 28}).some((_, y) => centred[y * 28 + x] > 0));
    expect(Math.max(rows.filter(Boolean).length, cols.filter(Boolean).length)).toBe(20);
  });

  /**
   * The strokes of the first test image (ink where its grey level is above 128) in ink of grey
   * 30, drawn 3 times larger on paper of grey `paper(x, y)`, all of it lit by `light(x, y)` (0..1).
   */
  const strokesOn = (paper: (x: number, y: number) => number, light = (_x: number, _y: number) => 1) => {
    const strokes = seven().map((v) => (v > 128 ? 255 : 0));
    const rgba = rgbaOf(strokes, 3, (v) => (v ? [30, 30, 30, 255] : [255, 255, 255, 255]));
    for (let i = 0; i < 84 * 84; i++) {
      const [x, y] = [i % 84, Math.floor(i / 84)];
      const g = Math.round((rgba[4 * i] === 30 ? 30 : paper(x, y)) * light(x, y));
      rgba.set([g, g, g], 4 * i);
    }
    return rgba;
  };
  /** strokesOn's image, read and centred as the model page reads a reader's image. */
  const centredStrokes = (paper: (x: number, y: number) => number, light?: (x: number, y: number) => number) =>
    centredDigit(inkFromRgba(strokesOn(paper, light), 84, 84));
  /** The largest difference in grey level, and whether the same pixels hold ink. */
  const compare = (a: Uint8Array, b: Uint8Array) => ({
    largest: Math.max(...a.map((v, i) => Math.abs(v - b[i]))),
    sameInk: a.every((v, i) => v > 0 === b[i] > 0)
  });

  it("grey, textured paper is not ink when centring: a photo-like image gives the clean image's digit", () => {
    const clean = centredStrokes(() => 255);
    expect(clean.some((v) => v > 0)).toBe(true);
    // The same strokes (ink exactly 0 or 1) through the drawing pad's preparation: identical.
    const strokes = seven().map((v) => (v > 128 ? 1 : 0));
    const ink = Float32Array.from(
      {length: 84 * 84},
      (_, i) => strokes[Math.floor(i / 84 / 3) * 28 + Math.floor((i % 84) / 3)]
    );
    expect(firstDifference(clean, digitFromDrawing(ink, 84, 84))).toBe(-1);
    // Paper at grey 200-230, at random: the ink stretched from a paper level that varies by
    // cell differs by a few grey levels at most (area averaging of values just under full ink).
    const noise = d3.randomUniform.source(d3.randomLcg(1))(200, 230);
    const photo = centredDigit(
      inkFromRgba(
        strokesOn(() => Math.round(noise())),
        84,
        84
      )
    );
    expect(compare(photo, clean)).toEqual({largest: expect.any(Number), sameInk: true});
    expect(compare(photo, clean).largest).toBeLessThanOrEqual(8);
  });

  it("a shadow across the page is not ink when centring: paper from white to grey 145", () => {
    const clean = centredStrokes(() => 255);
    const shadowed = centredDigit(
      inkFromRgba(
        strokesOn((x, y) => Math.round(255 - (110 * (x + y)) / 166)),
        84,
        84
      )
    );
    expect(compare(shadowed, clean).sameInk).toBe(true);
    expect(compare(shadowed, clean).largest).toBeLessThanOrEqual(40);
  });

  it("a shadow across the page is not ink when centring: light falling from full to 57% across the image", () => {
    const clean = centredStrokes(() => 255);
    const dimmed = (x: number, y: number) => 1 - (0.43 * (x + y)) / 166;
    const shadowed = centredStrokes(() => 255, dimmed);
    expect(compare(shadowed, clean).sameInk).toBe(true);
    expect(compare(shadowed, clean).largest).toBeLessThanOrEqual(8);
  });

  it("the book's way fills around a wide image with its paper's grey, not with white", () => {
    // Paper at grey 204 (ink 0.2) with no strokes: every one of the 784 pixels is 51.
    const rgba = new Uint8ClampedArray(56 * 28 * 4);
    for (let i = 0; i < 56 * 28; i++) rgba.set([204, 204, 204, 255], 4 * i);
    expect(new Set(bookDigit(inkFromRgba(rgba, 56, 28)))).toEqual(new Set([51]));
  });

  it("an image with no ink gives an empty digit both ways", () => {
    const image = inkFromRgba(new Uint8ClampedArray(30 * 20 * 4).fill(255), 30, 20);
    expect(bookDigit(image).every((v) => v === 0)).toBe(true);
    expect(centredDigit(image).every((v) => v === 0)).toBe(true);
  });

  it("sizes that do not match the pixels are refused", () => {
    expect(() => inkFromRgba(new Uint8ClampedArray(16), 3, 1)).toThrow(/holds 16 bytes, expected 4 x 3 x 1/);
    expect(() => inkFromRgba(new Uint8ClampedArray(0), 0, 0)).toThrow(/whole positive pixels/);
  });
});
