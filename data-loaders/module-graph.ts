// What a piece of code depends on: every module it reaches, found by the language's own tools
// rather than by matching text. esbuild bundles the entries (with the project's tsconfig and
// Node's resolution: relative paths, packages, `exports`/`imports` maps, aliases, JSON, every
// import form) and its metafile lists each file the bundle reads; Babel's parser then reads
// each project module for what no bundler follows: workers and entries started by
// `new URL("./x.ts", import.meta.url)` (followed as entries), and imports whose target is not
// a literal and files read at run time, which must be declared beside the code with a
// `// build-input: ...` comment (see DECLARATION) or the build refuses, naming file and line.
// A project module counts by its code (its tokens, not its comments); npm packages count by
// what is installed: each reached package's installed version and the bytes of all its
// installed files. Run keys and the loader outputs' fingerprints
// hash this, so a change to anything a result is computed with recomputes that result.
import {realpathSync} from "node:fs";
import {dirname, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {BuildError} from "./errors.js";
import {filesUnder, hashFile, sha256} from "./file-hashes.js";
import {checkInstalled, packageHashes} from "./installed-packages.js";
import {bundleInputs} from "./module-bundle.js";
import {DECLARATION, scanModule} from "./module-scan.js";

export {checkInstalled} from "./installed-packages.js";
export {DECLARATION} from "./module-scan.js";

/** The project folder (where package.json is). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Closure {
  /** Project-relative path of each module reached (SHA-256 of its code) and each declared input (of its bytes). */
  files: Record<string, string>;
  /** name@version of each installed npm package reached, with the SHA-256 of its installed files. */
  packages: Record<string, string>;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
/** Whether a file is an installed package's (its hash is the package's), not the project's. */
const inPackage = (file: string) => file.split(sep).includes("node_modules");

/**
 * Every module, declared input and npm package `entries` (absolute paths) reach, with their
 * hashes. Throws a SettingsError when node_modules disagrees with the lockfile, and a
 * BuildError naming the file and line of an import that cannot be resolved, or of an import
 * or file read the parser cannot follow and nobody declared.
 */
export function closure(entries: string[], root = projectRoot): Closure {
  return closures([entries], root)[0];
}

/** closure() of several entry lists at once: one esbuild run for all of them. */
export function closures(entryLists: string[][], root = projectRoot): Closure[] {
  checkInstalled(root);
  const inputsOf = new Map<string, string[]>();
  // Entries started by URL are found by scanning what the first bundles reach: a few rounds.
  // esbuild names files by their real paths: a symlinked entry is looked up by its target.
  const real = (entry: string) => {
    try {
      return realpathSync(resolve(entry));
    } catch {
      throw new BuildError(`${entry}: cannot read a module the build depends on (not found)`);
    }
  };
  let pending = [...new Set(entryLists.flat().map(real))];
  while (pending.length) {
    for (const [entry, inputs] of bundleInputs(pending, root)) inputsOf.set(entry, inputs);
    const next = new Set<string>();
    for (const entry of pending)
      for (const input of inputsOf.get(entry)!)
        if (!inPackage(input) && SOURCE.test(input))
          for (const url of scanModule(input, root).urls) if (SOURCE.test(url) && !inputsOf.has(url)) next.add(url);
    pending = [...next];
  }
  return entryLists.map((entries) => {
    const reached = new Set<string>();
    const visit = (entry: string) => {
      if (reached.has(entry)) return;
      reached.add(entry);
      for (const input of inputsOf.get(entry) ?? [entry]) {
        reached.add(input);
        if (inPackage(input) || !SOURCE.test(input)) continue;
        for (const url of scanModule(input, root).urls) visit(url);
      }
    };
    for (const entry of entries) visit(real(entry));
    const project = [...reached].filter((file) => !inPackage(file));
    const modules = project.filter((file) => SOURCE.test(file));
    const undeclared = modules.flatMap((file) => scanModule(file, root).undeclared);
    if (undeclared.length)
      throw new BuildError(
        `the build cannot tell what this code reads, so it cannot tell when to recompute results that use it:\n  ${undeclared.slice(0, 8).join("\n  ")}\n` +
          `declare it beside the code with a "// ${DECLARATION} <files>" or "// ${DECLARATION} none, <why>" comment (data-loaders/module-scan.ts)`
      );
    const files: Record<string, string> = {};
    for (const file of modules) files[file] = scanModule(file, root).code;
    // Declared inputs count by their bytes, as data (a declared module reached by import counts by its code).
    for (const input of modules.flatMap((file) => scanModule(file, root).inputs))
      for (const file of filesUnder(input)) files[file] ??= hashFile(file, root);
    for (const file of project) files[file] ??= hashFile(file, root);
    return {
      files: Object.fromEntries(
        Object.entries(files)
          .map(([file, hash]) => [relative(root, file).split(sep).join("/"), hash])
          .sort(([a], [b]) => a.localeCompare(b))
      ),
      packages: packageHashes([...reached].filter(inPackage), root)
    };
  });
}

/** One hash of a closure: any module's code, any declared input or any reached package changing changes it. */
export function closureHash({files, packages}: Closure): string {
  return sha256(JSON.stringify({files, packages: Object.entries(packages).sort()}));
}

/** What changed between two closures, for a person: "lib/network.ts changed", "d3-random@3.0.1 -> 3.0.2". */
export function closureChanges(before: Closure, after: Closure): string[] {
  const changes: string[] = [];
  for (const [file, hash] of Object.entries(after.files)) {
    if (!(file in before.files)) changes.push(`${file} added`);
    else if (before.files[file] !== hash) changes.push(`${file} changed`);
  }
  for (const file of Object.keys(before.files)) if (!(file in after.files)) changes.push(`${file} no longer used`);
  const was = before.packages;
  const now = after.packages;
  const name = (id: string) => id.slice(0, id.lastIndexOf("@"));
  const wasByName = new Map(Object.keys(was).map((id) => [name(id), id]));
  const nowByName = new Map(Object.keys(now).map((id) => [name(id), id]));
  for (const [pkg, id] of nowByName) {
    const old = wasByName.get(pkg);
    if (!old) changes.push(`package ${id} added`);
    else if (old !== id) changes.push(`package ${old} -> ${id.slice(pkg.length + 1)}`);
    else if (was[old] !== now[id]) changes.push(`package ${id} changed (its installed files differ)`);
  }
  for (const [pkg, id] of wasByName) if (!nowByName.has(pkg)) changes.push(`package ${id} no longer used`);
  return changes;
}
