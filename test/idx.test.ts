import {describe, expect, it} from "vitest";
import {encodeImages, encodeLabels, IdxError, parseImages, parseLabels} from "../lib/idx.js";
import {parseLabelledImages} from "../lib/mnist.js";

function images(count: number, rows = 28, cols = 28) {
  const pixels = Uint8Array.from({length: count * rows * cols}, (_, i) => (i * 7) % 256);
  return {count, rows, cols, pixels};
}

describe("IDX parsing", () => {
  it("round-trips images and labels", () => {
    const original = images(3);
    const parsed = parseImages(encodeImages(original), "a");
    expect(parsed.count).toBe(3);
    expect([parsed.rows, parsed.cols]).toEqual([28, 28]);
    expect(Array.from(parsed.pixels)).toEqual(Array.from(original.pixels));
    const labels = Uint8Array.of(0, 9, 4);
    expect(Array.from(parseLabels(encodeLabels(labels), "b"))).toEqual([0, 9, 4]);
  });

  it("reads the header big-endian", () => {
    const bytes = encodeImages(images(258));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 3, 0, 0, 1, 2]);
    expect(parseImages(bytes, "a").count).toBe(258);
  });

  it("rejects a wrong magic number, naming the file", () => {
    const labelsBytes = encodeLabels(Uint8Array.of(1));
    expect(() => parseImages(labelsBytes, "train-images")).toThrow(IdxError);
    expect(() => parseImages(labelsBytes, "train-images")).toThrow(
      /^train-images: wrong magic number 0x00000801, expected 0x00000803/
    );
    expect(() => parseLabels(encodeImages(images(1)), "lab")).toThrow(
      /^lab: wrong magic number 0x00000803, expected 0x00000801/
    );
  });

  it("rejects a file truncated in its header or its data", () => {
    const bytes = encodeImages(images(2));
    expect(() => parseImages(bytes.subarray(0, 10), "f")).toThrow(
      /^f: truncated: 10 bytes is shorter than the 16-byte header/
    );
    expect(() => parseImages(bytes.subarray(0, bytes.length - 1), "f")).toThrow(
      /^f: truncated: header promises 1568 bytes of pixels, file holds 1567/
    );
    const labels = encodeLabels(Uint8Array.of(1, 2, 3));
    expect(() => parseLabels(labels.subarray(0, 9), "l")).toThrow(
      /^l: truncated: header promises 3 bytes of labels, file holds 1/
    );
  });

  it("rejects a label above 9", () => {
    expect(() => parseLabels(encodeLabels(Uint8Array.of(3, 10, 2)), "l")).toThrow(/^l: label 10 at index 1 is above 9/);
  });

  it("rejects images that are not 28x28", () => {
    expect(() => parseImages(encodeImages(images(1, 28, 27)), "i")).toThrow(/^i: images are 28x27, expected 28x28/);
  });

  it("rejects an image count that differs from the label count", () => {
    const run = () =>
      parseLabelledImages(
        {bytes: encodeImages(images(3)), file: "imgs"},
        {bytes: encodeLabels(Uint8Array.of(1, 2)), file: "labs"}
      );
    expect(run).toThrow(/^imgs: holds 3 images but labs holds 2 labels/);
  });
});
