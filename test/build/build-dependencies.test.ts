// The build recomputes a result exactly when something it depends on changed: each input that
// shapes a stored run or a table is changed in a copy of the project, and the build must
// recompute what depends on it (with different numbers where the change is to what is
// computed) and reuse everything else.
import {createHash} from "node:crypto";
import {cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, beforeEach, describe, expect, it} from "vitest";
import {FILES, loadDataset} from "../../data-loaders/dataset.js";
import {experiments} from "../../data-loaders/experiments/index.js";
import {distinctRuns} from "../../data-loaders/run-pool.js";
import {readSettings} from "../../data-loaders/settings.js";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Each loader output in the copy's Framework cache, by name, with its SHA-256. */
function outputs(dir: string): Record<string, string> {
  const data = join(dir, "src", ".observablehq", "cache", "data");
  return Object.fromEntries(
    readdirSync(data)
      .filter((f) => !f.includes(".tmp-"))
      .sort()
      .map((f) => [f, sha(readFileSync(join(data, f)))])
  );
}

/** The build's report: per group, whether it recomputed and why; and the runs it trained. */
function report(stderr: string) {
  const groups: Record<string, string> = {};
  for (const [, group, what] of stderr.matchAll(/^(\w+): \d+ files (reused|recomputed \(.*\))/gm)) groups[group] = what;
  const runs = /^runs: (\d+) distinct; trained (\d+)/m.exec(stderr);
  return {groups, distinct: Number(runs?.[1]), trained: Number(runs?.[2])};
}

/** Replaces `from` by `to` in the copy's `file` while `body` runs, and puts the file back however it ends. */
function editedWhile(dir: string, file: string, from: string, to: string, body: () => void): void {
  const path = join(dir, file);
  const source = readFileSync(path, "utf8");
  expect(source, `${file} no longer contains ${from}`).toContain(from);
  writeFileSync(path, source.replace(from, to));
  try {
    body();
  } finally {
    writeFileSync(path, source);
  }
}

describe("the build's dependency model", () => {
  const env = {SEEDS: "1", TRAIN_LIMIT: "400"};
  let dir: string;
  let mnist: string;
  let base: Record<string, string>;
  let baseEnv: Record<string, string>;
  const build = (extra: Record<string, string> = {}) => {
    const result = buildIn(dir, {...baseEnv, ...extra}, ["--no-site"]);
    expect(result.status, result.stderr).toBe(0);
    return {...report(result.stderr), outputs: outputs(dir), stderr: result.stderr};
  };
  const groups = () =>
    Object.keys(base)
      .map((name) => name.split(/[-.]/)[0])
      .filter((g, i, all) => all.indexOf(g) === i);
  const changed = (after: Record<string, string>) => Object.keys(base).filter((name) => after[name] !== base[name]);

  beforeAll(() => {
    dir = projectCopy();
    mnist = smallMnistDir(10000, 1000); // the pages attach the first 10,000 training and 1,000 test images
    baseEnv = {...env, MNIST_DIR: mnist};
    const first = build();
    const runs = distinctRuns(
      Object.values(experiments).flatMap((e) => e.runs(readSettings(env))),
      loadDataset(mnist, false).checksum
    );
    expect(first.trained).toBe(runs.length);
    base = first.outputs;
  }, 600_000);

  // Each test starts from the first build's outputs, whatever the one before it left (a test
  // that failed before building back, say): the store still holds the original runs.
  beforeEach(() => {
    expect(build().outputs).toEqual(base);
  }, 300_000);

  it("nothing changed: nothing trained, every file reused", () => {
    const again = build();
    expect(again.trained).toBe(0);
    for (const group of groups()) expect(again.groups[group], group).toBe("reused");
    expect(again.outputs).toEqual(base);
  }, 300_000);

  it("an experiment's table code: only that experiment's tables (and the index's list) recomputed, no run retrained", () => {
    const [threshold, changedThreshold] = ["images.pixels[offset + i] > 0", "images.pixels[offset + i] > 128"];
    editedWhile(dir, "data-loaders/experiments/image-statistics.ts", threshold, changedThreshold, () => {
      const after = build();
      expect(after.trained).toBe(0);
      // Experiment 5's ink statistics: its tables, and the lists that read every definition, the
      // home page's (data/experiments.json) and the verify page's (data/verify.json), made again
      // (with the same bytes).
      expect(after.groups.exp5).toMatch(/^recomputed \(data-loaders\/experiments\/image-statistics\.ts changed\)/);
      const lists = ["experiments", "verify"];
      for (const list of lists)
        expect(after.groups[list], list).toMatch(
          /^recomputed \(data-loaders\/experiments\/image-statistics\.ts changed\)/
        );
      for (const group of groups().filter((g) => g !== "exp5" && !lists.includes(g)))
        expect(after.groups[group], group).toBe("reused");
      expect(changed(after.outputs)).toContain("exp5-agreement.arrow"); // the ink threshold changed its numbers
      expect(changed(after.outputs).every((name) => name.startsWith("exp5-"))).toBe(true);
    });
    expect(build().outputs).toEqual(base); // and back again
  }, 300_000);

  it("a constant of the training loop (TRAIN_SUBSET): every run retrained, training accuracies differ, MNIST files reused", () => {
    const [subset, changedSubset] = ["export const TRAIN_SUBSET = 10000;", "export const TRAIN_SUBSET = 100;"];
    editedWhile(dir, "data-loaders/run-training.ts", subset, changedSubset, () => {
      const after = build();
      expect(after.trained).toBe(after.distinct);
      expect(after.groups.exp3).toMatch(/^recomputed \(data-loaders\/run-training\.ts changed\)/);
      expect(changed(after.outputs)).toContain("exp3-scores.arrow");
      expect(after.groups.mnist).toBe("reused");
      expect(after.groups.playground).toBe("reused");
    });
    expect(build().outputs).toEqual(base); // the original runs are still in the store
  }, 300_000);

  it("a lib/ module training uses: every run retrained, scores differ; the browser worker bundle too, MNIST files not", () => {
    const scaled = "export const pixelOffset = (pixel: number) => (pixel / 255) * 0.99;";
    editedWhile(dir, "lib/offset-images.ts", scaled, scaled.replace("0.99", "0.98"), () => {
      const after = build();
      expect(after.trained).toBe(after.distinct);
      expect(changed(after.outputs)).toEqual(
        expect.arrayContaining(["exp2-scores.arrow", "exp1-summary.arrow", "playground-worker.js"])
      );
      expect(after.groups.mnist).toBe("reused");
    });
    expect(build().outputs).toEqual(base);
  }, 300_000);

  it("the dataset's bytes: everything that reads it recomputed; the worker bundle, which does not, reused", () => {
    const file = join(mnist, FILES.testImages);
    const original = readFileSync(file);
    const bytes = Buffer.from(original);
    bytes[16 + 300] ^= 0xff; // one pixel of the first test image
    writeFileSync(file, bytes);
    try {
      const after = build();
      expect(after.trained).toBe(after.distinct);
      for (const group of groups().filter((g) => g !== "playground"))
        expect(after.groups[group], group).toMatch(/^recomputed \(the dataset changed\)/);
      expect(after.groups.playground).toBe("reused");
      expect(changed(after.outputs)).toContain("mnist-test-images.idx.gz");
    } finally {
      writeFileSync(file, original);
    }
    expect(build().outputs).toEqual(base);
  }, 300_000);

  it("each setting: SEEDS trains only the new seed's runs; TRAIN_LIMIT and KERNEL retrain everything", () => {
    const seeds = (n: string) =>
      distinctRuns(
        Object.values(experiments).flatMap((e) => e.runs(readSettings({...env, SEEDS: n}))),
        "x"
      ).length;
    const more = build({SEEDS: "2"});
    expect(more.trained).toBe(seeds("2") - seeds("1"));
    expect(more.groups.exp2).toMatch(/^recomputed \(settings changed \(seeds 1 -> 2\)\)/);
    expect(more.groups.playground).toBe("reused");
    const limit = build({TRAIN_LIMIT: "300"});
    expect(limit.trained).toBe(limit.distinct);
    expect(limit.groups.exp1).toMatch(/trainLimit 400 -> 300/);
    const kernel = build({KERNEL: "wasm-f64"});
    expect(kernel.trained).toBe(kernel.distinct);
    expect(kernel.groups.exp1).toMatch(/kernel wasm-f32 -> wasm-f64/);
    const back = build();
    expect(back.trained).toBe(0); // the original settings' runs are still in the store
    expect(back.outputs).toEqual(base);
  }, 600_000);

  it("a lockfile that disagrees with node_modules stops the build before any training, saying run npm ci", () => {
    const lockFile = join(dir, "package-lock.json");
    const original = readFileSync(lockFile);
    const lock = JSON.parse(original.toString());
    lock.packages["node_modules/d3-random"].version += "-changed";
    writeFileSync(lockFile, JSON.stringify(lock));
    try {
      const result = buildIn(dir, baseEnv, ["--no-site"]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(
        /error: node_modules does not match package-lock\.json: d3-random \S+ \(lockfile: \S+-changed\); run npm ci/
      );
      expect(result.stderr).not.toMatch(/^runs: .* trained/m);
    } finally {
      writeFileSync(lockFile, original);
    }
  }, 300_000);

  it("a package's installed files (d3-random, which seeds the initial weights, patched): every run retrained", () => {
    // The copy's node_modules becomes its own folder: links to the project's packages, and
    // copies of d3 and d3-random, which can be patched without touching the project.
    const modules = join(dir, "node_modules");
    const shared = realpathSync(modules);
    rmSync(modules);
    mkdirSync(modules);
    for (const name of readdirSync(shared)) {
      // d3 too: a package found through a link resolves its own imports where the link points.
      if (name === "d3-random" || name === "d3") cpSync(join(shared, name), join(modules, name), {recursive: true});
      else symlinkSync(join(shared, name), join(modules, name));
    }
    try {
      const file = join(modules, "d3-random", "dist", "d3-random.mjs");
      writeFileSync(file, `${readFileSync(file, "utf8")}\n// patched\n`);
      const after = build();
      expect(after.trained).toBe(after.distinct);
      expect(after.groups.exp1).toMatch(/package d3-random@\S+ changed \(its installed files differ\)/);
    } finally {
      rmSync(modules, {recursive: true});
      symlinkSync(shared, modules);
    }
    expect(build().outputs).toEqual(base);
  }, 300_000);
});
