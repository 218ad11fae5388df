import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {firstSamples} from "../lib/mnist.js";
import {offsetInput} from "../lib/offset-images.js";
import {BOOK_ROTATIONS, rotate, rotationPlan, withRotations} from "../lib/rotation.js";
import {scaleInput} from "../lib/scaling.js";
import {real} from "./fixtures.js";

interface Fixture {
  angles: number[];
  mnist: {index: number; rotated: Record<string, number[]>}[];
  synthetic: {rotated: Record<string, number[]>};
}
// Made by test/fixtures/rotation-scipy.py with the book's SciPy call.
const fixture = JSON.parse(readFileSync(new URL("./fixtures/rotation-scipy.json", import.meta.url), "utf8")) as Fixture;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};
const train = real().train;
const scaled = (n: number) => scaleInput(train.pixels, n * train.size, train.size);

describe("rotation matches scipy.ndimage.rotate(image, angle, cval=0.01, order=1, reshape=False)", () => {
  // Tolerance 1e-12 per pixel: the only differences from SciPy are in the last bits of cos/sin
  // and of the summation order (the real agreement is ~1e-15), while an interpolation weight or
  // a sample point off by anything visible moves a pixel by far more.
  for (const {index, rotated} of fixture.mnist) {
    for (const angle of fixture.angles) {
      it(`training image ${index}, ${angle} degrees`, () => {
        const got = rotate(rotationPlan(28, angle), scaled(index), 0.01);
        expect(maxDiff(got, rotated[angle])).toBeLessThan(1e-12);
      });
    }
  }

  for (const angle of fixture.angles) {
    it(`an image inked up to its edges, ${angle} degrees (samples past the edge take the fill)`, () => {
      const image = Float64Array.from({length: 784}, (_, p) => ((Math.floor(p / 28) * 7 + (p % 28) * 13) % 29) / 29);
      const got = rotate(rotationPlan(28, angle), image, 0.01);
      expect(maxDiff(got, fixture.synthetic.rotated[angle])).toBeLessThan(1e-12);
      expect(got.filter((v) => v === 0.01).length).toBeGreaterThan(10); // corners are filled
    });
  }

  it("rejects angles and sizes it cannot rotate by", () => {
    expect(() => rotationPlan(28, Number.NaN)).toThrow(/finite number of degrees, got NaN/);
    expect(() => rotationPlan(1, 10)).toThrow(/side must be an integer of at least 2/);
    expect(() => withRotations({count: 1, size: 10, pixels: new Uint8Array(10), labels: new Uint8Array(1)})).toThrow(
      /not square/
    );
  });
});

describe("the rotated training set", () => {
  const images = firstSamples(train, 50);
  const set = withRotations(images);
  const copies = 1 + BOOK_ROTATIONS.length;

  it("holds each image, then its +10 and -10 degree copies, with the image's label", () => {
    expect(set.count).toBe(images.count * copies);
    for (const n of [0, 1, 49]) {
      expect(maxDiff(offsetInput(set, n * copies), scaled(n))).toBe(0);
      BOOK_ROTATIONS.forEach((angle, r) => {
        const scipyLike = rotate(rotationPlan(28, angle), scaled(n), 0.01);
        expect(maxDiff(offsetInput(set, n * copies + 1 + r), scipyLike)).toBeLessThan(1e-15);
      });
      for (let c = 0; c < copies; c++) expect(set.labels[n * copies + c]).toBe(images.labels[n]);
    }
  });

  it("keeps the background exactly zero, so the sparse form holds only inked pixels", () => {
    for (const {index, rotated} of fixture.mnist) {
      const own = withRotations(firstSamples(train, index + 1));
      BOOK_ROTATIONS.forEach((angle, r) => {
        const n = index * copies + 1 + r;
        const stored = own.start[n + 1] - own.start[n];
        // SciPy's background is 0.01 up to rounding; ours is exactly 0 at the same pixels.
        const inked = rotated[angle].filter((v) => Math.abs(v - 0.01) > 1e-12).length;
        expect(stored).toBe(inked);
        expect(stored).toBeLessThan(784 / 2);
      });
    }
  });

  it("is built once per image set and reused", () => {
    expect(withRotations(images)).toBe(set);
  });
});
