// What a piece of code depends on, found by following its imports: the project's own modules
// (lib/, data-loaders/, src/ alike) by their source, and npm packages by the versions
// package-lock.json pins. Run keys and the build's output fingerprints hash this, so a change
// to any module a result is computed with recomputes that result, and nothing else does.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {fileStamp} from "./file-stamp.js";

/** The project folder (where package.json is). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Closure {
  /** Project-relative path of each module reached, with the SHA-256 of its source. */
  files: Record<string, string>;
  /** name@version of each npm package reached, with the packages it depends on. */
  packages: string[];
}

// Value imports and re-exports (`import type` shapes nothing at run time), side-effect
// imports, dynamic imports, and files started by URL (workers, bundled entries).
const STATIC = /^\s*(?:import|export)(?!\s+type\b)\s[^"'`;]*?from\s*["']([^"']+)["']/gm;
const BARE = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const URL_REF = /new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;

function specifiers(source: string): string[] {
  return [STATIC, BARE, DYNAMIC, URL_REF].flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

/** A relative specifier as a file: TypeScript sources are imported by their .js names. */
function resolveRelative(from: string, specifier: string): string {
  const path = resolve(dirname(from), specifier);
  if (path.endsWith(".js") && existsSync(path.slice(0, -3) + ".ts")) return path.slice(0, -3) + ".ts";
  return path;
}

/** "d3-random/src/x.js" -> "d3-random"; "@scope/pkg/x" -> "@scope/pkg"; node built-ins -> undefined. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

interface Lock {
  packages: Record<string, {version?: string; dependencies?: Record<string, string>}>;
}

/** Each package with its dependencies, as npm installed them (nested copies first). */
function packageVersions(names: Iterable<string>, lock: Lock): string[] {
  const found = new Set<string>();
  const visit = (name: string, under: string) => {
    // npm resolves a dependency from the innermost node_modules outwards.
    let path = `${under}node_modules/${name}`;
    for (let dir = under; !lock.packages[path] && dir; ) {
      dir = dir.replace(/node_modules\/(?:@[^/]+\/)?[^/]+\/$/, "");
      path = `${dir}node_modules/${name}`;
    }
    const entry = lock.packages[path];
    const id = `${name}@${entry?.version ?? "not installed"}`;
    if (found.has(id)) return;
    found.add(id);
    for (const dependency of Object.keys(entry?.dependencies ?? {})) visit(dependency, path + "/");
  };
  for (const name of names) if (name) visit(name, "");
  return [...found].sort();
}

const builtins = new Set([
  "fs",
  "path",
  "url",
  "crypto",
  "os",
  "util",
  "zlib",
  "module",
  "child_process",
  "worker_threads",
  "process"
]);

/**
 * Each file read, by path, while its stat is unchanged: a build fingerprints some fifty loader
 * outputs whose closures share most of their modules, and the lockfile is read for each.
 */
interface Read {
  stamp: string;
  source: string;
  hash: string;
  specifiers: string[];
  /** The parsed source, for the lockfile. */
  json?: Lock;
}
const read = new Map<string, Read>();

function readModule(file: string): Read {
  let stamp: string;
  try {
    stamp = fileStamp(file);
    const known = read.get(file);
    if (known?.stamp === stamp) return known;
    const source = readFileSync(file, "utf8");
    // A wasm or data file: its bytes are all there is.
    const module = {
      stamp,
      source,
      hash: sha256(source),
      specifiers: /\.(m?[jt]s)$/.test(file) ? specifiers(source) : []
    };
    read.set(file, module);
    return module;
  } catch (error) {
    throw new Error(
      `${file}: cannot read a module the build depends on (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    );
  }
}

function readLock(root: string): Lock {
  const lock = readModule(join(root, "package-lock.json"));
  lock.json ??= JSON.parse(lock.source) as Lock;
  return lock.json;
}

/** Every module and package `entries` (absolute paths) reach. */
export function closure(entries: string[], root = projectRoot): Closure {
  const files: Record<string, string> = {};
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(root, file);
    if (name in files) return;
    const module = readModule(file);
    files[name] = module.hash;
    for (const specifier of module.specifiers) {
      if (specifier.startsWith(".")) visit(resolveRelative(file, specifier));
      else {
        const name = packageName(specifier);
        if (name && !builtins.has(name)) packages.add(name);
      }
    }
  };
  entries.forEach(visit);
  return {
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
    packages: packageVersions(packages, readLock(root))
  };
}

/** One hash of a closure: any module's source or any package version changing changes it. */
export function closureHash({files, packages}: Closure): string {
  return sha256(JSON.stringify({files, packages}));
}

/** What changed between two closures, for a person: "lib/network.ts changed", "d3-random@3.0.1 -> 3.0.2". */
export function closureChanges(before: Closure, after: Closure): string[] {
  const changes: string[] = [];
  for (const [file, hash] of Object.entries(after.files)) {
    if (!(file in before.files)) changes.push(`${file} added`);
    else if (before.files[file] !== hash) changes.push(`${file} changed`);
  }
  for (const file of Object.keys(before.files)) if (!(file in after.files)) changes.push(`${file} no longer used`);
  const was = new Set(before.packages);
  const now = new Set(after.packages);
  const added = after.packages.filter((p) => !was.has(p));
  const removed = before.packages.filter((p) => !now.has(p));
  if (added.length || removed.length)
    changes.push(`packages ${[...removed.map((p) => "-" + p), ...added.map((p) => "+" + p)].join(" ")}`);
  return changes;
}
