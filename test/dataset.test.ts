import {createHash} from "node:crypto";
import {copyFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CSV_FILES, datasetDir, FILES, loadDataset} from "../data-loaders/dataset.js";
import {encodeLabels} from "../lib/idx.js";
import {encodeMnistCsv} from "../lib/mnist-csv.js";
import {firstSamples} from "../lib/mnist.js";
import {csvMnistDir, firstDifference, real, smallMnistDir, tempDir} from "./fixtures.js";

describe("dataset", () => {
  it("loads the packaged MNIST files: 60,000 + 10,000 official images", () => {
    const dataset = real();
    expect(dataset.train.count).toBe(60000);
    expect(dataset.test.count).toBe(10000);
    expect(dataset.official).toBe(true);
    expect(dataset.train.labels.subarray(0, 5)).toEqual(Uint8Array.of(5, 0, 4, 1, 9));
  });

  it("MNIST_DIR points at another folder: the packaged files there are the same dataset, by checksum", () => {
    const dir = tempDir();
    for (const name of Object.values(FILES)) symlinkSync(join(datasetDir({}), name), join(dir, name));
    const moved = loadDataset(datasetDir({MNIST_DIR: dir}), true);
    expect(moved.dir).toBe(dir);
    expect([moved.official, moved.checksum]).toEqual([true, real().checksum]);
    const other = loadDataset(datasetDir({MNIST_DIR: smallMnistDir(50, 20)}), false);
    expect(other.train.count).toBe(50);
    expect(other.checksum).not.toBe(moved.checksum);
  });

  it("a folder of one's own loads and is marked as not official", () => {
    const dataset = loadDataset(smallMnistDir(50, 20), false);
    expect([dataset.train.count, dataset.test.count, dataset.official]).toEqual([50, 20, false]);
  });

  it("reads gzipped files when the plain ones are absent", () => {
    const dir = smallMnistDir(30, 10);
    const file = join(dir, FILES.trainImages);
    writeFileSync(file + ".gz", gzipSync(readFileSync(file)));
    rmSync(file);
    expect(loadDataset(dir, false).train.count).toBe(30);
  });

  it("a missing folder names the folder", () => {
    expect(() => loadDataset("/no/such/mnist", false)).toThrow(/^\/no\/such\/mnist: dataset folder not found/);
  });

  it("a missing file names the file", () => {
    const dir = smallMnistDir(10, 10);
    rmSync(join(dir, FILES.testLabels));
    expect(() => loadDataset(dir, false)).toThrow(new RegExp(`${FILES.testLabels}: file not found`));
  });

  it("an image count that does not match the label count names both files", () => {
    const dir = smallMnistDir(10, 10);
    writeFileSync(join(dir, FILES.trainLabels), encodeLabels(new Uint8Array(9)));
    expect(() => loadDataset(dir, false)).toThrow(
      /train-images-idx3-ubyte: holds 10 images but .*train-labels-idx1-ubyte holds 9 labels/
    );
  });

  it("a label above 9 names the file", () => {
    const dir = smallMnistDir(10, 10);
    writeFileSync(join(dir, FILES.testLabels), encodeLabels(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 12)));
    expect(() => loadDataset(dir, false)).toThrow(/t10k-labels-idx1-ubyte: label 12 at index 9 is above 9/);
  });

  it("files that must be official but differ are rejected with their MD5", () => {
    const dir = tempDir();
    for (const name of Object.values(FILES)) copyFileSync(join(datasetDir({}), name), join(dir, name));
    writeFileSync(join(dir, FILES.testLabels), encodeLabels(new Uint8Array(10000)));
    expect(() => loadDataset(dir, true)).toThrow(
      /t10k-labels-idx1-ubyte: MD5 [0-9a-f]{32} does not match the official 27ae3e4e09519cfbb04c329615203637/
    );
  });
});

describe("the book's CSV files as the dataset", () => {
  it("the same images as CSV and as IDX are the same dataset: images, labels and checksum", () => {
    const idx = loadDataset(smallMnistDir(300, 50), false);
    const csv = loadDataset(csvMnistDir(300, 50, {gzip: ["train"]}), false);
    expect([csv.train.count, csv.test.count]).toEqual([300, 50]);
    expect(firstDifference(csv.train.pixels, idx.train.pixels)).toBe(-1);
    expect(firstDifference(csv.test.labels, idx.test.labels)).toBe(-1);
    expect(csv.checksum).toBe(idx.checksum);
    expect(csv.official).toBe(false);
  });

  it("the official test set as the book's CSV file is the official MNIST: the packaged files' checksum", () => {
    const dir = tempDir();
    for (const name of [FILES.trainImages, FILES.trainLabels]) symlinkSync(join(datasetDir({}), name), join(dir, name));
    writeFileSync(join(dir, CSV_FILES.test[0]), encodeMnistCsv(real().test));
    const dataset = loadDataset(dir, true);
    expect(dataset.official).toBe(true);
    expect(dataset.checksum).toBe(real().checksum);
  });

  it("a CSV file that must be official but differs is named, with which half differs", () => {
    const dir = tempDir();
    for (const name of [FILES.trainImages, FILES.trainLabels]) symlinkSync(join(datasetDir({}), name), join(dir, name));
    const test = real().test;
    writeFileSync(
      join(dir, CSV_FILES.test[0]),
      encodeMnistCsv({...test, labels: test.labels.map((l) => (l + 1) % 10)})
    );
    expect(() => loadDataset(dir, true)).toThrow(
      `${join(dir, CSV_FILES.test[0])} (its labels): MD5 ${createHash("md5")
        .update(encodeLabels(test.labels.map((l) => (l + 1) % 10)))
        .digest("hex")} does not match the official 27ae3e4e09519cfbb04c329615203637`
    );
  });

  it("the book's sample files are read when the full ones are absent", () => {
    const dataset = loadDataset(csvMnistDir(100, 10, {names: "sample"}), false);
    expect([dataset.train.count, dataset.test.count]).toEqual([100, 10]);
  });

  it("the full CSV file is preferred to the sample, and IDX files to both", () => {
    const dir = csvMnistDir(30, 20);
    writeFileSync(join(dir, CSV_FILES.train[1]), encodeMnistCsv(firstSamples(real().train, 5)));
    expect(loadDataset(dir, false).train.count).toBe(30);
    const idx = smallMnistDir(40, 20);
    copyFileSync(join(dir, CSV_FILES.train[0]), join(idx, CSV_FILES.train[0]));
    expect(loadDataset(idx, false).train.count).toBe(40);
  });

  it("a set with neither IDX nor CSV files names what was looked for", () => {
    const dir = csvMnistDir(10, 10);
    rmSync(join(dir, CSV_FILES.test[0]));
    expect(() => loadDataset(dir, false)).toThrow(
      `${join(dir, FILES.testImages)}: file not found (the folder must hold the four MNIST IDX files, or the book's mnist_test.csv or mnist_test_10.csv)`
    );
  });

  it("a malformed CSV file is reported with its path and line", () => {
    const dir = csvMnistDir(10, 10);
    const file = join(dir, CSV_FILES.test[0]);
    const lines = readFileSync(file, "utf8").split("\n");
    lines[6] = lines[6].replace(/,0,/, ",300,");
    writeFileSync(file, lines.join("\n"));
    expect(() => loadDataset(dir, false)).toThrow(
      new RegExp(`^${file}: line 7: value "300" in field \\d+ is not a grey level 0-255$`)
    );
  });
});
