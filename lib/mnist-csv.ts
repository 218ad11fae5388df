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

/**
 * Parses a CSV file of labelled MNIST images into the same shape the IDX files give
 * (count images of 784 grey levels, image after image, and their labels). A first line that
 * starts with a name instead of a number (a header such as "label,1x1,1x2,...", as some copies
 * have) is skipped. Throws an IdxError "file: line N: problem" for the first bad line: a wrong
 * field count, a value that is not a whole number 0-255, a label outside 0-9; or "file: holds
 * no images" for an empty file.
 */
export function parseMnistCsv(bytes: Uint8Array, file: string): LabelledImages {
  const text = new TextDecoder().decode(bytes);
  // Each line is at most one image: the line count bounds the storage to allocate.
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  const pixels = new Uint8Array(lines * SIZE);
  const labels = new Uint8Array(lines);
  let count = 0;
  // d3-dsv reads the fields; each row is checked and copied as it arrives, so no array of
  // 60,000 rows of strings is ever held.
  csvParseRows(text, (fields, index) => {
    const line = index + 1;
    const fail = (problem: string) => new IdxError(file, `line ${line}: ${problem}`);
    if (index === 0 && /^\s*[A-Za-z_]/.test(fields[0] ?? "")) return null; // a header
    if (fields.length !== FIELDS) {
      throw fail(
        fields.length === 1 && fields[0].trim() === ""
          ? `is empty, expected a label and ${SIZE} grey levels`
          : `has ${fields.length} fields, expected ${FIELDS} (a label and ${SIZE} grey levels)`
      );
    }
    const label = wholeNumber(fields[0]);
    if (label === undefined || label > 9) throw fail(`label "${fields[0]}" is not a digit 0-9`);
    labels[count] = label;
    const offset = count * SIZE;
    for (let i = 1; i < FIELDS; i++) {
      const value = wholeNumber(fields[i]);
      if (value === undefined || value > 255)
        throw fail(`value "${fields[i]}" in field ${i + 1} is not a grey level 0-255`);
      pixels[offset + i - 1] = value;
    }
    count++;
    return null;
  });
  if (count === 0) throw new IdxError(file, "holds no images (an MNIST CSV file has one image per line)");
  return {count, size: SIZE, pixels: pixels.subarray(0, count * SIZE), labels: labels.subarray(0, count)};
}

/** The value of a field holding a whole number 0 or more ("7", " 7 "), else undefined. */
function wholeNumber(field: string): number | undefined {
  const value = Number(field);
  return field.trim() !== "" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Writes images and labels as the book's CSV (tests, and readers converting IDX files). */
export function encodeMnistCsv({count, size, pixels, labels}: LabelledImages): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${labels[i]},${pixels.subarray(i * size, (i + 1) * size).join(",")}`);
  return lines.join("\n") + "\n";
}
