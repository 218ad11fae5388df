import {spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {csvMnistDir, tempDir} from "../fixtures.js";

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync("npx", ["tsx", "data-loaders/experiment-cli.ts", ...args], {
    env: {...process.env, RUN_STORE: tempDir(), ...env},
    encoding: "utf8"
  });

describe("npm run experiment", () => {
  it("writes one experiment's table as Arrow with --out", () => {
    const out = join(tempDir(), "confusion.arrow");
    const result = cli(["1", "--table", "confusion", "--out", out], {TRAIN_LIMIT: "300"});
    expect(result.status, result.stderr).toBe(0);
    const table = tableFromIPC(readFileSync(out));
    expect(table.numRows).toBe(100);
    expect(table.toArray().reduce((sum, row) => sum + row.count, 0)).toBe(10000);
  });

  it("rejects bad arguments with a usage message and a non-zero exit", () => {
    for (const args of [[], ["9"], ["1", "--bogus"], ["1", "2"], ["1", "--table", "nope"], ["2", "--seeds", "0"]]) {
      const result = cli(args, {TRAIN_LIMIT: "50"});
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^error: /m);
      expect(result.stderr).toContain("usage: npm run experiment");
    }
  });

  it("--seeds sets how many seeds a sweep trains", () => {
    const out = join(tempDir(), "lr.arrow");
    const result = cli(["2", "--seeds", "2", "--out", out], {TRAIN_LIMIT: "200"});
    expect(result.status, result.stderr).toBe(0);
    const rows = tableFromIPC(readFileSync(out)).toArray();
    expect(rows).toHaveLength(12 * 2); // 12 learning rates x 2 seeds, one epoch
    expect(new Set(rows.map((row) => row.seed))).toEqual(new Set([1, 2]));
  }, 120_000);

  it("leaves no output file when it fails", () => {
    const out = join(tempDir(), "x.arrow");
    const result = cli(["1", "--out", out], {MNIST_DIR: "/no/such/folder"});
    expect(result.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it("trains from the book's sample CSV files, saying once (not once per worker) that they are not the official set", () => {
    const result = cli(["1", "--seeds", "1"], {MNIST_DIR: csvMnistDir(100, 10, {names: "sample"}), WORKERS: "2"});
    expect(result.status, result.stderr).toBe(0);
    expect(
      result.stderr.match(
        /^note: .* does not hold the official MNIST images \(mnist_train_100\.csv, mnist_test_10\.csv differ\)$/gm
      )
    ).toHaveLength(1);
    expect(result.stdout).toMatch(/"trainSamples": 100,/);
  }, 120_000);
});
