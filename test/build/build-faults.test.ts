// The faults found when the build was attacked: each is reported on one line naming what is
// wrong, before any work is done, and leaves nothing behind.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {FILES, loadDataset} from "../../data-loaders/dataset.js";
import {encodeImages, encodeLabels} from "../../lib/idx.js";
import {smallMnistDir, tempDir} from "../fixtures.js";

const tsx = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync("node_modules/.bin/tsx", [script, ...args], {
    env: {...process.env, ...env},
    encoding: "utf8",
    timeout: 60_000
  });
const build = (env: Record<string, string>, args: string[] = ["--runs-only"]) =>
  tsx("data-loaders/build.ts", args, {RUN_STORE: tempDir(), ...env});
const cli = (args: string[], env: Record<string, string> = {}) =>
  tsx("data-loaders/experiment-cli.ts", args, {RUN_STORE: tempDir(), ...env});
const stackless = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);
const empty = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

describe("settings the build refuses", () => {
  it("TRAIN_LIMIT above the training set's size names the setting and the size", () => {
    const result = build({TRAIN_LIMIT: "99999999"});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("error: TRAIN_LIMIT=99999999: the training set has only 60,000 images");
    stackless(result.stderr);
  });

  it("TRAIN_LIMIT past 2^31 (it would wrap in the Int32 columns)", () => {
    const result = build({TRAIN_LIMIT: String(2 ** 32 + 2000)});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`error: TRAIN_LIMIT=${2 ** 32 + 2000}: must be at most 2,147,483,647`);
  });

  it("SEEDS=1000 says what it would cost and asks for --yes, training nothing", () => {
    const store = tempDir();
    const result = build({SEEDS: "1000", RUN_STORE: store});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(
      /error: these settings need [\d,]+ runs trained \([\d,]+ epochs of a 100-node network, about [\d.]+ GB more in .*\); to go ahead, run again with --yes/
    );
    expect(empty(store)).toBe(true);
  });

  it("an unknown build option", () => {
    const result = build({}, ["--yse"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/error: npm run build: Unknown option '--yse'/);
  });
});

describe("npm run experiment checks what it is asked before training", () => {
  it("a table the experiment does not have: refused at once, nothing trained", () => {
    const store = tempDir();
    const result = cli(["2", "--table", "nope"], {RUN_STORE: store});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'error: experiment exp2 has no table "nope"; it has scores, reproduction, settings'
    );
    expect(empty(store)).toBe(true);
  });

  it("--out into a missing folder, or onto a folder: refused at once, no temporary file", () => {
    const dir = tempDir();
    for (const [out, message] of [
      [join(dir, "missing", "t.arrow"), `folder ${join(dir, "missing")} does not exist`],
      [dir, "is a folder; give a file name"]
    ]) {
      const store = tempDir();
      const result = cli(["1", "--out", out], {RUN_STORE: store});
      expect(result.status, out).toBe(2);
      expect(result.stderr).toContain(message);
      stackless(result.stderr);
      expect(empty(store)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a run store under a file is one line naming the setting and the file, before any training", () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "not a folder");
    const result = cli(["1"], {RUN_STORE: join(file, "store"), TRAIN_LIMIT: "100"});
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`error: RUN_STORE=${join(file, "store")}: ${file} is a file, not a folder`);
    stackless(result.stderr);
  });
});

describe("datasets the build refuses", () => {
  it("an IDX file with zero images", () => {
    const dir = smallMnistDir(20, 10);
    writeFileSync(join(dir, FILES.testImages), encodeImages({count: 0, rows: 28, cols: 28, pixels: new Uint8Array(0)}));
    writeFileSync(join(dir, FILES.testLabels), encodeLabels(new Uint8Array(0)));
    expect(() => loadDataset(dir, false)).toThrow(`${join(dir, FILES.testImages)}: holds no images`);
  });

  it("a folder where an IDX file should be is named", () => {
    const dir = smallMnistDir(20, 10);
    const file = join(dir, FILES.trainLabels);
    spawnSync("rm", [file]);
    mkdirSync(file);
    expect(() => loadDataset(dir, false)).toThrow(`${file}: is a folder, not a data file`);
  });
});
