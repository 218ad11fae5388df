// What the build remembers between runs, in .cache/build/: the loader outputs' fingerprints,
// the site's, checked run files and the dataset's sums. Each is one JSON file, read as empty
// when missing, unreadable or of the wrong shape, and written whole.
import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {isMainThread} from "node:worker_threads";
import {type Closure, projectRoot} from "./module-graph.js";
import {writeAtomically} from "./temporaries.js";

export const buildStatePath = (name: string) => join(projectRoot, ".cache", "build", name);

/** What a state file must hold, and how to say it: "an object of output records". */
export interface Shape<T> {
  expected: string;
  valid: (value: unknown) => value is T;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An object whose every value passes `valid` (state files are records keyed by path or name). */
export function recordOf<V>(expected: string, valid: (value: unknown) => boolean): Shape<Record<string, V>> {
  return {
    expected,
    valid: (value): value is Record<string, V> => isObject(value) && Object.values(value).every(valid)
  };
}

/** Whether `value` is an object with these string fields (and perhaps others). */
export const hasStrings =
  (...names: string[]) =>
  (value: unknown): boolean =>
    isObject(value) && names.every((name) => typeof value[name] === "string");

/** Whether `value` is a module closure (module-graph.ts): each file's hash by path, each package's by name@version. */
export const isClosure = (value: unknown): value is Closure =>
  isObject(value) &&
  recordOf("", (hash) => typeof hash === "string").valid(value.files) &&
  recordOf("", (hash) => typeof hash === "string").valid(value.packages);

const reported = new Set<string>();

/**
 * A state file's contents; empty when it is missing, and when it does not parse or has the
 * wrong shape, which is said once per process (by the main thread: workers read the same
 * files) so that a damaged file is named instead of failing or slowing every build unseen.
 */
export function readBuildState<T extends object>(name: string, shape: Shape<T>): T {
  const path = buildStatePath(name);
  let problem: string;
  try {
    // build-input: none, the build's own record of what it made, never part of a result
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (shape.valid(value)) return value;
    problem = `was not a valid build state (expected ${shape.expected})`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {} as T;
    problem = error instanceof SyntaxError ? "was not valid JSON" : `could not be read (${(error as Error).message})`;
  }
  if (isMainThread && !reported.has(path)) {
    reported.add(path);
    process.stderr.write(`build: ${relative(projectRoot, path)} ${problem}; rebuilt\n`);
  }
  return {} as T;
}

/** Writes a state file; with `optional`, a failure (a read-only project) only costs the next build time. */
export function writeBuildState(name: string, value: object, optional = false): void {
  try {
    writeAtomically(buildStatePath(name), JSON.stringify(value));
  } catch (error) {
    if (!optional) throw error;
  }
}
