// A small project in a temporary folder for the module graph's tests: installed packages
// (fake-pkg, which imports fake-dep) with a lockfile that agrees, a tsconfig path alias and a
// package.json imports alias, plus the files a test adds.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {tempDir} from "./fixtures.js";

export type Files = Record<string, string>;

/** Installed packages: fake-pkg@1.0.0 (which imports fake-dep@2.0.0), and a lockfile that agrees. */
export const PACKAGES: Files = {
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

export function project(files: Files): string {
  const dir = tempDir();
  for (const [name, source] of Object.entries({...PACKAGES, ...files})) {
    mkdirSync(dirname(join(dir, name)), {recursive: true});
    writeFileSync(join(dir, name), source);
  }
  return dir;
}

export const DEP = "export const x = 1;\n";
