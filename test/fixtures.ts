// Small MNIST-shaped folders for tests, cut from the real files so training on them means something.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {encodeImages, encodeLabels} from "../lib/idx.js";
import {firstSamples} from "../lib/mnist.js";
import {encodeMnistCsv} from "../lib/mnist-csv.js";
import {CSV_FILES, FILES, loadDataset, type Dataset} from "../data-loaders/dataset.js";

export const real = (): Dataset => loadDataset(undefined, true);

export function tempDir(prefix = "mynn-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A folder holding the four IDX files with the first `train` / `test` real samples. */
export function smallMnistDir(train = 200, test = 100): string {
  const dir = tempDir();
  mkdirSync(dir, {recursive: true});
  const dataset = real();
  const write = (imagesName: string, labelsName: string, set: ReturnType<typeof firstSamples>) => {
    writeFileSync(join(dir, imagesName), encodeImages({count: set.count, rows: 28, cols: 28, pixels: set.pixels}));
    writeFileSync(join(dir, labelsName), encodeLabels(set.labels));
  };
  write(FILES.trainImages, FILES.trainLabels, firstSamples(dataset.train, train));
  write(FILES.testImages, FILES.testLabels, firstSamples(dataset.test, test));
  return dir;
}

/**
 * A folder holding the same first `train` / `test` real samples as the book's CSV files
 * (mnist_train.csv, mnist_test.csv; `names` picks the sample names, `gzip` which are gzipped).
 */
export function csvMnistDir(
  train = 200,
  test = 100,
  {names = "full", gzip = []}: {names?: "full" | "sample"; gzip?: ("train" | "test")[]} = {}
): string {
  const dir = tempDir();
  const dataset = real();
  for (const set of ["train", "test"] as const) {
    const name = CSV_FILES[set][names === "full" ? 0 : 1];
    const text = encodeMnistCsv(firstSamples(dataset[set], set === "train" ? train : test));
    if (gzip.includes(set)) writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
    else writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Centre of mass (x, y) of a 28x28 grey-level image, pixel (x, y) covering [x, x + 1) x [y, y + 1). */
export function centreOfMass(digit: ArrayLike<number>): [number, number] {
  let mass = 0,
    mx = 0,
    my = 0;
  for (let i = 0; i < digit.length; i++) {
    mass += digit[i];
    mx += digit[i] * ((i % 28) + 0.5);
    my += digit[i] * (Math.floor(i / 28) + 0.5);
  }
  return [mx / mass, my / mass];
}

/** The real dataset cut down in memory (for run-store tests that must stay fast). */
export function smallDataset(train = 300, test = 200): Dataset {
  const dataset = real();
  return {
    ...dataset,
    train: firstSamples(dataset.train, train),
    test: firstSamples(dataset.test, test),
    checksum: `small-${train}-${test}`
  };
}

export {copyProject as projectCopy} from "../data-loaders/project-copy.js";

/** Runs the copy's build (data-loaders/build.ts with `args`) and returns its exit status and stderr. */
export function buildIn(
  dir: string,
  env: Record<string, string>,
  args: string[] = []
): {status: number | null; stderr: string} {
  const result = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/build.ts", ...args], {
    cwd: dir,
    env: {...process.env, RUN_STORE: "", SITE_OUTPUT: "", ...env},
    encoding: "utf8"
  });
  return {status: result.status, stderr: result.stderr};
}

/**
 * The index of the first byte where two arrays' bytes differ (the shorter length if one is a
 * prefix of the other), or -1 if they are the same bytes. Comparing weight arrays byte by byte
 * with toEqual takes seconds; this takes microseconds.
 */
export function firstDifference(a: ArrayBufferView, b: ArrayBufferView): number {
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (x.equals(y)) return -1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return n;
}
