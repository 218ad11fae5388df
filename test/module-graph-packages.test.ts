// Packages count by what is installed: each reached package by its installed version and the
// bytes of its files that are reached; a node_modules that disagrees with package-lock.json
// stops the build with "run npm ci".
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {checkInstalled, closure, closureChanges, closureHash} from "../data-loaders/module-graph.js";
import {PACKAGES, project} from "./module-graph-project.js";

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
