// What the build remembers between runs, in .cache/build/: the loader outputs' fingerprints,
// the site's, checked run files and the dataset's sums. Each is one JSON file, read as empty
// when missing or unreadable and written whole.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {projectRoot} from "./module-graph.js";
import {writeAtomically} from "./temporaries.js";

export const buildStatePath = (name: string) => join(projectRoot, ".cache", "build", name);

export function readBuildState<T extends object>(name: string): T {
  try {
    return JSON.parse(readFileSync(buildStatePath(name), "utf8")) as T;
  } catch {
    return {} as T;
  }
}

/** Writes a state file; with `optional`, a failure (a read-only project) only costs the next build time. */
export function writeBuildState(name: string, value: object, optional = false): void {
  try {
    writeAtomically(buildStatePath(name), JSON.stringify(value));
  } catch (error) {
    if (!optional) throw error;
  }
}
