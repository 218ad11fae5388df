// A copy of the project (sources, config, lockfile; node_modules linked) in a temporary
// folder: the build benchmark and the tests change code and data there without touching the
// real tree. The copy has its own run store, caches and site unless told otherwise.
import {cpSync, mkdtempSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {projectRoot} from "./module-graph.js";

export const PROJECT_FILES = [
  "lib",
  "data-loaders",
  "src",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "observablehq.config.ts"
];

export function copyProject(prefix = "mynn-project-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const name of PROJECT_FILES) {
    cpSync(join(projectRoot, name), join(dir, name), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.includes(".observablehq")
    });
  }
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  return dir;
}
