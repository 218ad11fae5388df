import {describe, expect, it} from "vitest";
import {IdxError} from "../lib/idx.js";
import {encodeMnistCsv, parseMnistCsv} from "../lib/mnist-csv.js";
import {firstSamples} from "../lib/mnist.js";
import {firstDifference, real} from "./fixtures.js";

const bytes = (text: string) => new TextEncoder().encode(text);
/** One CSV line: a label and 784 grey levels, all `value` unless `set` replaces some. */
const line = (label: string | number, value = 0, set: Record<number, string> = {}) =>
  [label, ...Array.from({length: 784}, (_, i) => set[i] ?? String(value))].join(",");

describe("the book's MNIST CSV files", () => {
  it("round-trip the first real images: labels and grey levels as the IDX files hold them", () => {
    const sample = firstSamples(real().train, 100); // the size of the book's mnist_train_100.csv
    const parsed = parseMnistCsv(bytes(encodeMnistCsv(sample)), "mnist_train_100.csv");
    expect(parsed.count).toBe(100);
    expect(parsed.size).toBe(784);
    expect(firstDifference(parsed.pixels, sample.pixels)).toBe(-1);
    expect(firstDifference(parsed.labels, sample.labels)).toBe(-1);
  });

  it("accept old Mac line ends (CR only) and blank lines at the end", () => {
    const parsed = parseMnistCsv(bytes(`${line(3, 1)}\r${line(4, 2)}\r${line(5, 3)}\r\r\n\n`), "f.csv");
    expect(Array.from(parsed.labels)).toEqual([3, 4, 5]);
    expect([parsed.pixels[0], parsed.pixels[784], parsed.pixels[2 * 784 + 783]]).toEqual([1, 2, 3]);
  });

  it("accept Windows line ends, no final line end, spaces around values and a header line", () => {
    const header = ["label", ...Array.from({length: 784}, (_, i) => `${Math.floor(i / 28) + 1}x${(i % 28) + 1}`)];
    const text = `${header.join(",")}\r\n${line(3, 0, {0: " 255 "})}\r\n${line("7", 12)}`;
    const parsed = parseMnistCsv(bytes(text), "f.csv");
    expect(Array.from(parsed.labels)).toEqual([3, 7]);
    expect([parsed.pixels[0], parsed.pixels[1], parsed.pixels[784], parsed.pixels[784 + 783]]).toEqual([
      255, 0, 12, 12
    ]);
  });

  const bad: [string, string, RegExp][] = [
    ["too few fields", `${line(1)}\n${line(2).replace(/,0$/, "")}\n`, /^f\.csv: line 2: has 784 fields, expected 785/],
    ["too many fields", `${line(1)},0\n`, /^f\.csv: line 1: has 786 fields, expected 785/],
    ["an empty line between images", `${line(1)}\n\n${line(2)}\n`, /^f\.csv: line 2: is empty/],
    [
      "a grey level above 255",
      `${line(1)}\n${line(4, 0, {9: "256"})}\n`,
      /^f\.csv: line 2: value "256" in field 11 is not a grey level 0-255/
    ],
    [
      "a negative grey level",
      line(4, 0, {0: "-1"}),
      /^f\.csv: line 1: value "-1" in field 2 is not a grey level 0-255/
    ],
    ["a fractional grey level", line(4, 0, {783: "0.5"}), /^f\.csv: line 1: value "0.5" in field 785/],
    ["a missing grey level", line(4, 0, {5: ""}), /^f\.csv: line 1: value "" in field 7/],
    ["a label above 9", `${line(1)}\n${line(1)}\n${line(10)}\n`, /^f\.csv: line 3: label "10" is not a digit 0-9/],
    ["a label that is not a number", `${line(1)}\n${line("x")}\n`, /^f\.csv: line 2: label "x" is not a digit 0-9/],
    ["an empty file", "", /^f\.csv: holds no images/],
    ["a file of blank lines", "\n\n", /^f\.csv: holds no images/],
    ["a blank line first", `\n${line(1)}\n`, /^f\.csv: line 1: is empty/],
    [
      "a damaged label on the first line (not taken for a header)",
      line("x"),
      /^f\.csv: line 1: label "x" is not a digit 0-9/
    ],
    ["a hexadecimal grey level", line(1, 0, {3: "0x1F"}), /^f\.csv: line 1: value "0x1F" in field 5/],
    ["a grey level in exponent form", line(1, 0, {3: "1e2"}), /^f\.csv: line 1: value "1e2" in field 5/],
    ["a signed grey level", line(1, 0, {3: "+7"}), /^f\.csv: line 1: value "\+7" in field 5/],
    ["a label written as a decimal", line("7.0"), /^f\.csv: line 1: label "7\.0" is not a digit 0-9/],
    ["many short lines (no image can fit)", "1\n".repeat(200_000), /^f\.csv: line 1: has 1 fields, expected 785/],
    ["only a header", `label,${"p,".repeat(783)}p\n`, /^f\.csv: holds no images/]
  ];
  it.each(bad)("name the file and line of %s", (_, text, message) => {
    expect(() => parseMnistCsv(bytes(text), "f.csv")).toThrow(IdxError);
    expect(() => parseMnistCsv(bytes(text), "f.csv")).toThrow(message);
  });
});
