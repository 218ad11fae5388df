// What results depend on is found by the language's own tools (esbuild's resolver, Babel's
// parser), not by matching text: every import form Node and tsx accept is followed, a read the
// parser cannot follow must be declared, and packages count by what is installed.
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {checkInstalled, closure, closureChanges, closureHash} from "../data-loaders/module-graph.js";
import {engineFingerprint} from "../data-loaders/run-key.js";
import {tempDir} from "./fixtures.js";

type Files = Record<string, string>;

/** Installed packages: fake-pkg@1.0.0 (which imports fake-dep@2.0.0), and a lockfile that agrees. */
const PACKAGES: Files = {
  "node_modules/fake-pkg/package.json": JSON.stringify({name: "fake-pkg", version: "1.0.0", main: "index.js"}),
  "node_modules/fake-pkg/index.js": 'import {dep} from "fake-dep";\nexport const pkg = dep + 1;\n',
  "node_modules/fake-pkg/unused.js": "export const unused = 1;\n",
  "node_modules/fake-dep/package.json": JSON.stringify({name: "fake-dep", version: "2.0.0", main: "index.js"}),
  "node_modules/fake-dep/index.js": "export const dep = 1;\n",
  "package-lock.json": JSON.stringify({
    packages: {
      "": {name: "fixture"},
      "node_modules/fake-pkg": {version: "1.0.0"},
      "node_modules/fake-dep": {version: "2.0.0"},
      "node_modules/other-platform": {version: "1.0.0", optional: true}
    }
  }),
  "package.json": JSON.stringify({name: "fixture", type: "module", imports: {"#hash-alias": "./lib/dep.ts"}}),
  "tsconfig.json": JSON.stringify({compilerOptions: {baseUrl: ".", paths: {"@lib/*": ["lib/*"]}}})
};

function project(files: Files): string {
  const dir = tempDir();
  for (const [name, source] of Object.entries({...PACKAGES, ...files})) {
    mkdirSync(dirname(join(dir, name)), {recursive: true});
    writeFileSync(join(dir, name), source);
  }
  return dir;
}

const DEP = "export const x = 1;\n";

/**
 * Each way a module can reach lib/dep.ts (or the data file it reads): the entry's source.
 * Each must put the dependency in the closure, so that editing it changes the hash.
 */
const FORMS: Record<string, {entry: string; dependency?: string}> = {
  "a multi-line import with an apostrophe and a semicolon in a comment": {
    entry: 'import {\n  // it\'s; odd\n  x\n} from "../lib/dep.js";\nexport default x;\n'
  },
  "an import after other code on the same line": {
    entry: 'export const a = 1; import {x} from "../lib/dep.js"; export {x};\n'
  },
  "a re-export": {entry: 'export * from "../lib/dep.js";\n'},
  "a side-effect import": {entry: 'import "../lib/dep.js";\n'},
  "a dynamic import with a template literal": {entry: "export const m = await import(`../lib/dep.js`);\n"},
  "a dynamic import with a second argument": {
    entry: 'export const m = await import("../lib/data.json", {with: {type: "json"}});\n',
    dependency: "lib/data.json"
  },
  "an import of JSON with attributes": {
    entry: 'import data from "../lib/data.json" with {type: "json"};\nexport default data;\n',
    dependency: "lib/data.json"
  },
  "an alias from tsconfig paths": {entry: 'import {x} from "@lib/dep.js";\nexport {x};\n'},
  "an alias from package.json imports": {entry: 'import {x} from "#hash-alias";\nexport {x};\n'},
  "a worker started by new URL": {
    entry: 'export const w = new Worker(new URL("../lib/worker.ts", import.meta.url));\n'
  },
  "a URL relative without ./": {
    entry: 'export const w = new Worker(new URL("worker-b.ts", import.meta.url));\n'
  },
  "a dynamic import of a variable, declared": {
    entry: 'const name = "../lib/dep.js";\n// build-input: ../lib/dep.ts\nexport const m = await import(name);\n'
  },
  "a file read at run time, declared": {
    entry:
      'import {readFileSync} from "node:fs";\nimport {join} from "node:path";\nexport const d = JSON.parse(\n  // build-input: ../lib/data.json\n  readFileSync(join(import.meta.dirname, "../lib/data.json"), "utf8")\n);\n',
    dependency: "lib/data.json"
  }
};

describe("module graph: every import form Node and tsx resolve", () => {
  for (const [form, {entry, dependency = "lib/dep.ts"}] of Object.entries(FORMS)) {
    it(form, () => {
      const dir = project({
        "loaders/a.ts": entry,
        "lib/dep.ts": DEP,
        "lib/data.json": '{"x": 1}\n',
        "lib/worker.ts": 'import {x} from "./dep.js";\nconsole.log(x);\n',
        "loaders/worker-b.ts": 'import {x} from "../lib/dep.js";\nconsole.log(x);\n'
      });
      const entries = [join(dir, "loaders/a.ts")];
      const before = closure(entries, dir);
      expect(Object.keys(before.files)).toContain(dependency);
      writeFileSync(join(dir, dependency), dependency.endsWith(".json") ? '{"x": 2}\n' : "export const x = 2;\n");
      const after = closure(entries, dir);
      expect(closureHash(after)).not.toBe(closureHash(before));
      expect(closureChanges(before, after)).toEqual([`${dependency} changed`]);
    });
  }

  it("an edit to a comment changes nothing; an edit to the code does", () => {
    const dir = project({"loaders/a.ts": 'import {x} from "../lib/dep.js";\nexport {x};\n', "lib/dep.ts": DEP});
    const entries = [join(dir, "loaders/a.ts")];
    const before = closure(entries, dir);
    writeFileSync(join(dir, "lib/dep.ts"), `// why x is 1\n/* more words */${DEP}`);
    expect(closureHash(closure(entries, dir))).toBe(closureHash(before));
    writeFileSync(join(dir, "lib/dep.ts"), `// why x is 1\n${DEP.replace("1", "10")}`);
    expect(closureChanges(before, closure(entries, dir))).toEqual(["lib/dep.ts changed"]);
  });

  it("type imports, unused modules and imports named only in comments are not dependencies", () => {
    const dir = project({
      "loaders/a.ts":
        'import type {T} from "../lib/types.js";\n// an old note: import("./gone.js") and import {y} from "./gone.js";\nexport const t: T = 1;\n',
      "lib/types.ts": "export type T = number;\n",
      "lib/unused.ts": "export const u = 1;\n"
    });
    expect(Object.keys(closure([join(dir, "loaders/a.ts")], dir).files)).toEqual(["loaders/a.ts"]);
  });

  for (const [what, entry, message] of [
    [
      "an import of a variable",
      "const name = './x.js';\nexport const m = await import(name);\n",
      /loaders\/a\.ts:2: import\(\) of a name that is not a literal/
    ],
    [
      "a template literal with a substitution",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's source holds a template literal
      "const n = 1;\nexport const m = await import(`./x${n}.js`);\n",
      /loaders\/a\.ts:2: import\(\) of a name that is not a literal/
    ],
    [
      "readFileSync",
      'import {readFileSync} from "node:fs";\nexport const d = readFileSync("data.json", "utf8");\n',
      /loaders\/a\.ts:2: readFileSync\(\) reads a file at run time/
    ],
    [
      "fs as a namespace",
      'import * as fs from "node:fs";\nexport const d = fs.readFileSync("data.json", "utf8");\n',
      /loaders\/a\.ts:2: readFileSync\(\) reads a file at run time/
    ],
    [
      "fs required in CommonJS",
      'const fs = require("fs");\nmodule.exports = fs.readFileSync("data.json", "utf8");\n',
      /loaders\/a\.ts:2: readFileSync\(\) reads a file at run time/
    ],
    [
      "a reader taken out of fs",
      'import * as fs from "node:fs";\nconst {readFileSync} = fs;\nexport const d = readFileSync("x");\n',
      /loaders\/a\.ts:2: readFileSync\(\) reads a file at run time/
    ],
    [
      "fs from process.getBuiltinModule",
      'export const d = process.getBuiltinModule("fs").readFileSync("x");\n',
      /loaders\/a\.ts:1: getBuiltinModule\(\) reads a file at run time/
    ],
    [
      "a renamed reader",
      'import {readFile as load} from "node:fs/promises";\nexport const d = await load("x");\n',
      /loaders\/a\.ts:2: load\(\) reads a file at run time/
    ],
    [
      "a worker started from a path",
      'import {join} from "node:path";\nexport const w = new Worker(join(import.meta.dirname, "w.ts"));\n',
      /loaders\/a\.ts:2: Worker\(\) starts code the build cannot follow/
    ],
    [
      "a path resolved at run time",
      'export const p = import.meta.resolve("./x.js");\n',
      /loaders\/a\.ts:1: a path resolved at run time/
    ],
    [
      "a declaration trailing the line before",
      'import {readFileSync} from "node:fs";\nexport const a = readFileSync("a"); // build-input: ../a\nexport const b = readFileSync("b");\n',
      /loaders\/a\.ts:3: readFileSync\(\) reads a file at run time/
    ],
    [
      "a declaration of none that does not say why",
      'import {readFileSync} from "node:fs";\n// build-input: none\nexport const a = readFileSync("a");\n',
      /loaders\/a\.ts:3: readFileSync\(\) reads a file at run time \(declared none without saying why\)/
    ],
    [
      "createRequire",
      'import {createRequire} from "node:module";\nconst require = createRequire(import.meta.url);\nexport const d = require("./data.json");\n',
      /loaders\/a\.ts:2: createRequire\(\) reads a file at run time/
    ]
  ] as const) {
    it(`refuses ${what} nobody declared, naming the file and line`, () => {
      const dir = project({"loaders/a.ts": entry});
      expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(message);
    });
  }

  it("a symlinked entry is followed through its target", () => {
    const dir = project({"real/a.ts": 'import {x} from "../lib/dep.js";\nexport {x};\n', "lib/dep.ts": DEP});
    mkdirSync(join(dir, "loaders"));
    symlinkSync(join(dir, "real/a.ts"), join(dir, "loaders/a.ts"));
    expect(Object.keys(closure([join(dir, "loaders/a.ts")], dir).files)).toEqual(["lib/dep.ts", "real/a.ts"]);
  });

  it("a URL naming a file that does not exist is named with its file and line", () => {
    const dir = project({
      "loaders/a.ts": 'export const a = 1;\nexport const w = new URL("./gone.ts", import.meta.url);\n'
    });
    expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(
      /loaders\/a\.ts:2: new URL\("\.\/gone\.ts", import\.meta\.url\) names loaders\/gone\.ts, which does not exist/
    );
  });

  it("an import that cannot be resolved is named with its file and line, without a stack", () => {
    const dir = project({"loaders/a.ts": 'export const a = 1;\nimport {b} from "./missing.js";\nexport {b};\n'});
    expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(
      /loaders\/a\.ts:2: Could not resolve "\.\/missing\.js"/
    );
  });
});

describe("module graph: packages by what is installed", () => {
  const files = {"loaders/a.ts": 'import {pkg} from "fake-pkg";\nexport default pkg;\n'};

  it("lists each reached package (and its dependencies) by its installed version", () => {
    const dir = project(files);
    expect(Object.keys(closure([join(dir, "loaders/a.ts")], dir).packages).sort()).toEqual([
      "fake-dep@2.0.0",
      "fake-pkg@1.0.0"
    ]);
  });

  it("a patched file of a reached package changes the hash (even one it loads by a computed name); other packages' files do not", () => {
    const dir = project({...files, "node_modules/other/package.json": '{"name": "other", "version": "1.0.0"}'});
    const entries = [join(dir, "loaders/a.ts")];
    const before = closure(entries, dir);
    writeFileSync(join(dir, "node_modules/other/index.js"), "export const o = 2;\n");
    expect(closureHash(closure(entries, dir))).toBe(closureHash(before));
    writeFileSync(join(dir, "node_modules/fake-dep/index.js"), "export const dep = 2;\n");
    const after = closure(entries, dir);
    expect(closureChanges(before, after)).toEqual(["package fake-dep@2.0.0 changed (its installed files differ)"]);
    // A new process (here: a fresh look at the package) sees a file the bundle does not reach.
    writeFileSync(join(dir, "node_modules/fake-pkg/unused.js"), "export const unused = 2;\n");
    writeFileSync(
      join(dir, "node_modules/fake-pkg/index.js"),
      'import {dep} from "fake-dep";\nexport const pkg = dep + 1;\n\n'
    );
    expect(closureChanges(after, closure(entries, dir))).toEqual([
      "package fake-pkg@1.0.0 changed (its installed files differ)"
    ]);
  });

  it("two installed copies of one package version each count", () => {
    const dir = project({
      ...files,
      "node_modules/fake-pkg/index.js":
        'import {dep} from "fake-dep";\nimport {inner} from "nested";\nexport const pkg = dep + inner;\n',
      "node_modules/nested/package.json": JSON.stringify({name: "nested", version: "1.0.0", main: "index.js"}),
      "node_modules/nested/index.js": 'export {dep as inner} from "fake-dep";\n',
      "node_modules/nested/node_modules/fake-dep/package.json": JSON.stringify({
        name: "fake-dep",
        version: "2.0.0",
        main: "index.js"
      }),
      "node_modules/nested/node_modules/fake-dep/index.js": "export const dep = 5;\n"
    });
    const found = closure([join(dir, "loaders/a.ts")], dir);
    expect(Object.keys(found.packages).filter((id) => id.startsWith("fake-dep@2.0.0"))).toHaveLength(2);
  });

  it("a lockfile ahead of node_modules stops with run npm ci", () => {
    const dir = project(files);
    const lock = JSON.parse(PACKAGES["package-lock.json"]);
    lock.packages["node_modules/fake-dep"].version = "2.0.1";
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock));
    expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(
      "node_modules does not match package-lock.json: fake-dep 2.0.0 (lockfile: 2.0.1); run npm ci"
    );
  });

  it("an installed version changed without the lockfile stops too, and a missing package is named", () => {
    const dir = project(files);
    writeFileSync(
      join(dir, "node_modules/fake-pkg/package.json"),
      JSON.stringify({name: "fake-pkg", version: "1.1.0", main: "index.js"})
    );
    expect(() => checkInstalled(dir)).toThrow(/fake-pkg 1\.1\.0 \(lockfile: 1\.0\.0\); run npm ci/);
    const other = project(files);
    const lock = JSON.parse(PACKAGES["package-lock.json"]);
    lock.packages["node_modules/not-installed"] = {version: "1.0.0"};
    writeFileSync(join(other, "package-lock.json"), JSON.stringify(lock));
    expect(() => checkInstalled(other)).toThrow(/not-installed missing \(lockfile: 1\.0\.0\)/);
  });

  it("this project's node_modules matches its lockfile", () => {
    expect(() => checkInstalled()).not.toThrow();
  });
});

describe("the training code's fingerprint", () => {
  it("covers the training loop, the metrics, the kernels, the network, the dataset reader and the package that seeds the weights", () => {
    const {closure: engine} = engineFingerprint();
    for (const file of [
      "data-loaders/run-training.ts",
      "data-loaders/run-entry.ts",
      "data-loaders/run-key.ts",
      "data-loaders/dataset.ts",
      "lib/idx.ts",
      "lib/mnist-csv.ts",
      "lib/kernels.ts",
      "lib/network.ts",
      "lib/random.ts",
      "lib/simd-kernel.ts",
      "lib/rotation.ts",
      "lib/mnist.ts"
    ]) {
      expect(Object.keys(engine.files)).toContain(file);
    }
    expect(Object.keys(engine.packages).some((p) => p.startsWith("d3-random@"))).toBe(true);
    // Code that only draws, reports or finds dependencies is not in it: changing it retrains nothing.
    for (const file of [
      "data-loaders/run-pool.ts",
      "data-loaders/module-graph.ts",
      "lib/digit-preprocessing.ts",
      "data-loaders/experiments/back-query.ts"
    ]) {
      expect(Object.keys(engine.files)).not.toContain(file);
    }
  });
});
