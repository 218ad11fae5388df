// The book's CSV files and MNIST's IDX files holding the same images are the same dataset to
// the build: the same run keys, the same trained weights, byte-identical result tables.
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {buildIn, csvMnistDir, projectCopy, smallMnistDir, tempDir} from "../fixtures.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file in `dir` (not temporaries), by name, with its SHA-256. */
function hashes(dir: string, keep = (_: string) => true): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => !f.includes(".tmp-") && keep(f))
      .sort()
      .map((f) => [f, sha(readFileSync(join(dir, f)))])
  );
}

describe("the book's CSV files as MNIST_DIR", () => {
  it("build the same runs and byte-identical tables as the IDX files of the same images", () => {
    const dir = projectCopy();
    // The pages attach the first 10,000 training and 1,000 test images; the training set is gzipped.
    const idx = smallMnistDir(10000, 1000);
    const csv = csvMnistDir(10000, 1000, {gzip: ["train"]});
    const env = {SEEDS: "1", TRAIN_LIMIT: "300"};
    const [store, csvStore] = [tempDir(), tempDir()];
    const data = join(dir, "src", ".observablehq", "cache", "data");
    const fromScratch = (mnist: string, runStore: string) => {
      rmSync(join(dir, ".cache"), {recursive: true, force: true});
      rmSync(join(dir, "src", ".observablehq"), {recursive: true, force: true});
      const result = buildIn(dir, {...env, MNIST_DIR: mnist, RUN_STORE: runStore}, ["--no-site"]);
      expect(result.status, result.stderr).toBe(0);
      return {tables: hashes(data), stderr: result.stderr};
    };

    const fromIdx = fromScratch(idx, store);
    // Every table computed again from the CSV files, with the runs the IDX build stored: none is
    // trained (the keys are the same) and every table comes out the same.
    const fromCsv = fromScratch(csv, store);
    expect(fromCsv.stderr).toMatch(/^runs: \d+ distinct; trained 0 /m);
    expect(Object.keys(fromCsv.tables).length).toBeGreaterThan(0);
    expect(fromCsv.tables).toEqual(fromIdx.tables);

    // Trained from the CSV files into a store of their own: the same keys and the same weights.
    fromScratch(csv, csvStore);
    const weights = (runStore: string) => hashes(runStore, (f) => f.endsWith(".bin"));
    expect(Object.keys(weights(csvStore)).length).toBeGreaterThan(0);
    expect(weights(csvStore)).toEqual(weights(store));
  }, 900_000);
});
