// What the module graph's parser cannot follow (an import() of a computed name, a file read
// at run time, code started from a path, a path resolved at run time) must be declared beside
// the code with a build-input comment, or the build refuses, naming the file and line.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {closure} from "../data-loaders/module-graph.js";
import {project} from "./module-graph-project.js";

/** What the build says of loaders/a.ts, and each form of code in it that makes the build say so. */
const refusals: Record<string, Record<string, string>> = {
  "loaders/a.ts:2: import() of a name that is not a literal": {
    "an import of a variable": "const name = './x.js';\nexport const m = await import(name);\n",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's source holds a template literal
    "a template literal with a substitution": "const n = 1;\nexport const m = await import(`./x${n}.js`);\n"
  },
  "loaders/a.ts:2: readFileSync() reads a file at run time": {
    readFileSync: 'import {readFileSync} from "node:fs";\nexport const d = readFileSync("data.json", "utf8");\n',
    "fs as a namespace": 'import * as fs from "node:fs";\nexport const d = fs.readFileSync("data.json", "utf8");\n',
    "fs required in CommonJS": 'const fs = require("fs");\nmodule.exports = fs.readFileSync("data.json", "utf8");\n',
    "a reader taken out of fs":
      'import * as fs from "node:fs";\nconst {readFileSync} = fs;\nexport const d = readFileSync("x");\n'
  },
  "loaders/a.ts:1: getBuiltinModule() reads a file at run time": {
    "fs from process.getBuiltinModule": 'export const d = process.getBuiltinModule("fs").readFileSync("x");\n'
  },
  "loaders/a.ts:2: load() reads a file at run time": {
    "a renamed reader": 'import {readFile as load} from "node:fs/promises";\nexport const d = await load("x");\n'
  },
  "loaders/a.ts:2: Worker() starts code the build cannot follow": {
    "a worker started from a path":
      'import {join} from "node:path";\nexport const w = new Worker(join(import.meta.dirname, "w.ts"));\n'
  },
  "loaders/a.ts:1: a path resolved at run time": {
    "a path resolved at run time": 'export const p = import.meta.resolve("./x.js");\n'
  },
  "loaders/a.ts:3: readFileSync() reads a file at run time": {
    "a declaration trailing the line before":
      'import {readFileSync} from "node:fs";\nexport const a = readFileSync("a"); // build-input: ../a\nexport const b = readFileSync("b");\n'
  },
  "loaders/a.ts:3: readFileSync() reads a file at run time (declared none without saying why)": {
    "a declaration of none that does not say why":
      'import {readFileSync} from "node:fs";\n// build-input: none\nexport const a = readFileSync("a");\n'
  },
  "loaders/a.ts:2: createRequire() reads a file at run time": {
    createRequire:
      'import {createRequire} from "node:module";\nconst require = createRequire(import.meta.url);\nexport const d = require("./data.json");\n'
  }
};

describe("module graph: what the parser cannot follow must be declared", () => {
  for (const [says, forms] of Object.entries(refusals))
    for (const [what, entry] of Object.entries(forms))
      it(`refuses ${what} nobody declared, naming the file and line`, () => {
        const dir = project({"loaders/a.ts": entry});
        expect(() => closure([join(dir, "loaders/a.ts")], dir)).toThrow(says);
      });
});
