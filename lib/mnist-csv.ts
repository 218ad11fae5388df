// The book's data files: MNIST as CSV, one image per line, its label then its 784 grey levels
// (0 background to 255 ink), comma-separated, no header. The book (part 2) has its readers
// download mnist_train.csv / mnist_test.csv (from pjreddie.com/projects/mnist-in-csv/) and the
// samples mnist_train_100.csv / mnist_test_10.csv. Works on bytes, like lib/idx.ts, so it runs
// in Node and in the browser alike.
import {csvParseRows} from "d3";
import {IdxError} from "./idx.js";
import type {LabelledImages} from "./mnist.js";

const SIZE = 28 * 28;
const FIELDS = 1 + SIZE;

/** The shortest line an image can take: a label and 784 grey levels of one digit, with 784 commas. */
const SHORTEST_LINE = 2 * FIELDS - 1;

/**
 * Parses a CSV file of labelled MNIST images into the same shape the IDX files give
 * (count images of 784 grey levels, image after image, and their labels). Lines may end in
 * LF, CRLF or CR; blank lines at the end are ignored. A first line of names instead of numbers
 * (a header such as "label,1x1,1x2,...", as some copies have) is skipped. Throws an IdxError
 * "file: line N: problem" for the first bad line: a wrong field count, a blank line between
 * images, a value that is not a whole number 0-255, a label outside 0-9; or "file: holds no
 * images" for an empty file.
 */
export function parseMnistCsv(bytes: Uint8Array, file: string): LabelledImages {
  const text = new TextDecoder().decode(bytes); // also drops a UTF-8 byte order mark
  // No file of n bytes holds more images than this, whatever it holds: the storage to allocate.
  const capacity = Math.floor(text.length / SHORTEST_LINE) + 1;
  const pixels = new Uint8Array(capacity * SIZE);
  const labels = new Uint8Array(capacity);
  let count = 0;
  let blank: number | undefined; // the first blank line, an error only if an image follows it
  // d3-dsv reads the fields; each row is checked and copied as it arrives, so no array of
  // 60,000 rows of strings is ever held.
  csvParseRows(text, (fields, index) => {
    const line = index + 1;
    const fail = (at: number, problem: string) => new IdxError(file, `line ${at}: ${problem}`);
    if (fields.length === 1 && fields[0].trim() === "") {
      blank ??= line;
      return null;
    }
    if (blank !== undefined) throw fail(blank, `is empty, expected a label and ${SIZE} grey levels`);
    if (index === 0 && isHeader(fields)) return null;
    if (fields.length !== FIELDS)
      throw fail(line, `has ${fields.length} fields, expected ${FIELDS} (a label and ${SIZE} grey levels)`);
    const label = wholeNumber(fields[0]);
    if (label === undefined || label > 9) throw fail(line, `label "${fields[0]}" is not a digit 0-9`);
    labels[count] = label;
    const offset = count * SIZE;
    for (let i = 1; i < FIELDS; i++) {
      const value = wholeNumber(fields[i]);
      if (value === undefined || value > 255)
        throw fail(line, `value "${fields[i]}" in field ${i + 1} is not a grey level 0-255`);
      pixels[offset + i - 1] = value;
    }
    count++;
    return null;
  });
  if (count === 0) throw new IdxError(file, "holds no images (an MNIST CSV file has one image per line)");
  return {count, size: SIZE, pixels: pixels.subarray(0, count * SIZE), labels: labels.subarray(0, count)};
}

/** A line of column names: most fields are not numbers (a damaged first image still has hundreds that are). */
function isHeader(fields: string[]): boolean {
  return fields.filter((field) => wholeNumber(field) === undefined).length > fields.length / 2;
}

/** The value of a field holding a whole number written in digits ("7", " 7 "), else undefined. */
function wholeNumber(field: string): number | undefined {
  return /^\s*\d+\s*$/.test(field) ? Number(field) : undefined;
}

/** Writes images and labels as the book's CSV (tests, and readers converting IDX files). */
export function encodeMnistCsv({count, size, pixels, labels}: LabelledImages): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${labels[i]},${pixels.subarray(i * size, (i + 1) * size).join(",")}`);
  return lines.join("\n") + "\n";
}
