// What results depend on is found by following imports, not listed by hand.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {closure, closureChanges, closureHash} from "../data-loaders/module-graph.js";
import {engineFingerprint} from "../data-loaders/run-key.js";
import {tempDir} from "./fixtures.js";

/** A lockfile pinning d3, its d3-random (at `random`) and apache-arrow. */
function writeLock(dir: string, random: string): void {
  const packages = {
    "node_modules/d3": {version: "7.9.0", dependencies: {"d3-random": "3"}},
    "node_modules/d3-random": {version: random},
    "node_modules/apache-arrow": {version: "21.0.0"}
  };
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify({packages}));
}

function project(files: Record<string, string>): string {
  const dir = tempDir();
  writeLock(dir, "3.0.1");
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), {recursive: true});
    writeFileSync(join(dir, name), source);
  }
  return dir;
}

describe("module graph", () => {
  const files = {
    "loaders/a.ts":
      'import {b} from "./b.js";\nexport {c} from "../lib/c.js";\nimport * as d3 from "d3";\nconst w = new URL("./worker.ts", import.meta.url);\n',
    "loaders/b.ts":
      'import type {T} from "./types.js";\nimport {\n  x,\n  y\n} from "../lib/multi.js";\nimport {readFileSync} from "node:fs";\n',
    "loaders/worker.ts": 'await import("../lib/late.js");\n',
    "loaders/types.ts": "export type T = number;\n",
    "lib/c.ts": "export const c = 1;\n",
    "lib/multi.ts": "export const x = 1, y = 2;\n",
    "lib/late.ts": 'import {tableFromArrays} from "apache-arrow";\n',
    "lib/unused.ts": "export const u = 1;\n"
  };

  it("follows value imports, re-exports, dynamic imports and URL-started files across folders; not type imports", () => {
    const dir = project(files);
    const found = closure([join(dir, "loaders/a.ts")], dir);
    expect(Object.keys(found.files)).toEqual([
      "lib/c.ts",
      "lib/late.ts",
      "lib/multi.ts",
      "loaders/a.ts",
      "loaders/b.ts",
      "loaders/worker.ts"
    ]);
    // npm packages by the versions the lockfile pins, with their dependencies
    expect(found.packages).toEqual(["apache-arrow@21.0.0", "d3-random@3.0.1", "d3@7.9.0"]);
  });

  it("any change to a reached module or package changes the hash, and says what changed; others do not", () => {
    const dir = project(files);
    const entry = [join(dir, "loaders/a.ts")];
    const before = closure(entry, dir);
    writeFileSync(join(dir, "lib/unused.ts"), "export const u = 2;\n");
    expect(closureHash(closure(entry, dir))).toBe(closureHash(before));
    writeFileSync(join(dir, "lib/late.ts"), 'import {tableFromArrays} from "apache-arrow";\nexport const v = 2;\n');
    const after = closure(entry, dir);
    expect(closureHash(after)).not.toBe(closureHash(before));
    expect(closureChanges(before, after)).toEqual(["lib/late.ts changed"]);
    writeLock(dir, "3.0.2");
    const bumped = closure(entry, dir);
    expect(closureChanges(after, bumped)).toEqual(["packages -d3-random@3.0.1 +d3-random@3.0.2"]);
  });

  it("a module that cannot be read is named", () => {
    const dir = project({"loaders/a.ts": 'import {b} from "./missing.js";\n'});
    expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(
      /missing\.js: cannot read a module the build depends on \(ENOENT\)/
    );
  });

  it("a run's key covers the training loop, the metrics, the kernels, the network and the package that seeds the weights", () => {
    const {closure: engine} = engineFingerprint();
    for (const file of [
      "data-loaders/run-training.ts",
      "data-loaders/run-entry.ts",
      "data-loaders/run-key.ts",
      "lib/kernels.ts",
      "lib/network.ts",
      "lib/random.ts",
      "lib/simd-kernel.ts",
      "lib/rotation.ts",
      "lib/mnist.ts"
    ]) {
      expect(Object.keys(engine.files)).toContain(file);
    }
    expect(engine.packages.some((p) => p.startsWith("d3-random@"))).toBe(true);
    // Code that only draws or reports is not in it: changing it retrains nothing.
    for (const file of [
      "data-loaders/run-pool.ts",
      "lib/digit-preprocessing.ts",
      "data-loaders/experiments/back-query.ts"
    ]) {
      expect(Object.keys(engine.files)).not.toContain(file);
    }
  });
});
