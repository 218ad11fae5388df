// What results depend on is found by the language's own tools (esbuild's resolver, Babel's
// parser), not by matching text: every import form Node and tsx accept is followed, and only
// code counts (not comments, types or modules nobody imports).
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {closure, closureChanges, closureHash} from "../data-loaders/module-graph.js";
import {DEP, project} from "./module-graph-project.js";

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
