// What a piece of code depends on: every module it reaches, found by the language's own tools
// rather than by matching text. esbuild bundles the entries (with the project's tsconfig and
// Node's resolution: relative paths, packages, `exports`/`imports` maps, aliases, JSON, every
// import form) and its metafile lists each file the bundle reads; Babel's parser then reads
// each project module for what no bundler follows: workers and entries started by
// `new URL("./x.ts", import.meta.url)` (followed as entries), and imports whose target is not
// a literal and files read at run time, which must be declared beside the code with a
// `// build-input: ...` comment (see DECLARATION) or the build refuses, naming file and line.
// npm packages count by what is installed: each reached package's installed version and the
// bytes of the files of it the bundle reads. Run keys and the loader outputs' fingerprints
// hash this, so a change to anything a result is computed with recomputes that result.
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "@babel/parser";
import {buildSync, type Message, type Metafile} from "esbuild";
import {BuildError, SettingsError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";

/** The project folder (where package.json is). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** This module: it finds results' dependencies, it shapes none of them, so no closure holds it. */
const SELF = fileURLToPath(import.meta.url);

export interface Closure {
  /** Project-relative path of each module reached and each declared input, with the SHA-256 of its bytes. */
  files: Record<string, string>;
  /** name@version of each installed npm package reached, with the SHA-256 of the files of it reached. */
  packages: Record<string, string>;
}

/**
 * How code declares what the parser cannot follow, in a comment on the line of the read or
 * import, or in the comment lines just above it:
 * - `// build-input: ../data/table.json ../fixtures` — these files (folders: every file in
 *   them), relative to the declaring module, are hashed with the module;
 * - `// build-input: none, <why>` — what it reads is covered another way (the run store's
 *   entries by their keys, the dataset by its checksum), or is the build's own state.
 */
export const DECLARATION = "build-input:";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Each file read, by path, while its stat is unchanged: fifty loader outputs share most modules. */
const hashes = new Map<string, {stamp: string; hash: string}>();

function hashFile(file: string, root: string): string {
  try {
    const stamp = fileStamp(file);
    const known = hashes.get(file);
    if (known?.stamp === stamp) return known.hash;
    const hash = sha256(readFileSync(file));
    hashes.set(file, {stamp, hash});
    return hash;
  } catch (error) {
    throw new BuildError(
      `${relative(root, file)}: cannot read a file the build depends on (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    );
  }
}

// ---------------------------------------------------------------------------------------------
// What esbuild cannot see: a scan of each project module's syntax tree.

/** What one module starts by URL and reads at run time, and what it leaves undeclared. */
interface Scan {
  stamp: string;
  /** Absolute paths started by `new URL("./x", import.meta.url)`. */
  urls: string[];
  /** Absolute paths its build-input comments name. */
  inputs: string[];
  /** "line 12: readFileSync(...)" for each read or import nobody declared. */
  undeclared: string[];
}
const scans = new Map<string, Scan>();

/** fs and module functions that read a file or a folder whose content the code then uses. */
const READERS = new Set([
  "readFileSync",
  "readFile",
  "readdirSync",
  "readdir",
  "createReadStream",
  "openSync",
  "open",
  "opendirSync",
  "opendir",
  "createRequire"
]);
const READER_MODULES = new Set(["fs", "node:fs", "fs/promises", "node:fs/promises", "module", "node:module"]);

// Babel's tree is walked generically: the few node shapes looked at are typed here.
interface Node {
  type: string;
  loc?: {start: {line: number}; end: {line: number}};
  [key: string]: unknown;
}
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** Visits each node with the start lines of the statements and declarations holding it, innermost first. */
function walk(node: Node, visit: (node: Node, holders: number[]) => void, holders: number[] = []): void {
  if (/(Statement|Declaration)$/.test(node.type) && node.loc) holders = [node.loc.start.line, ...holders];
  visit(node, holders);
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments") continue;
    if (Array.isArray(value)) for (const item of value) isNode(item) && walk(item, visit, holders);
    else if (isNode(value)) walk(value, visit, holders);
  }
}

/** A string the code spells out whole: "x", 'x', or `x` without substitutions. */
function literal(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0)
    return ((node.quasis as Node[])[0].value as {cooked: string}).cooked;
  return undefined;
}

const isImportMetaUrl = (node: unknown) =>
  isNode(node) &&
  node.type === "MemberExpression" &&
  isNode(node.object) &&
  node.object.type === "MetaProperty" &&
  isNode(node.property) &&
  node.property.name === "url";

function scanModule(file: string, root: string): Scan {
  const stamp = fileStamp(file);
  const known = scans.get(file);
  if (known?.stamp === stamp) return known;
  const source = readFileSync(file, "utf8");
  const where = relative(root, file);
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(source, {sourceType: "module", plugins: ["typescript"], errorRecovery: false});
  } catch (error) {
    throw new BuildError(`${where}: cannot be parsed (${(error as Error).message})`);
  }
  // Lines that hold a build-input comment, and the lines each comment spans.
  const comments = (ast.comments ?? []).map((comment) => ({
    start: comment.loc!.start.line,
    end: comment.loc!.end.line,
    text: comment.value
  }));
  // A declaration is a comment on the line, or in the run of comment lines just above it.
  const declarationFor = (line: number): string | undefined => {
    const block = comments.filter((c) => c.start <= line && c.end >= line);
    for (
      let above = line - 1, c = comments.find((c) => c.end === above);
      c;
      c = comments.find((c) => c.end === above)
    ) {
      block.push(c);
      above = c.start - 1;
    }
    const text = block.map((c) => c.text).find((t) => t.includes(DECLARATION));
    return text?.slice(text.indexOf(DECLARATION) + DECLARATION.length).trim();
  };
  const readers = new Set<string>(); // local names of fs readers
  const namespaces = new Set<string>(); // import * as fs from "node:fs", import fs from "fs"
  const scan: Scan = {stamp, urls: [], inputs: [], undeclared: []};
  // Beside the expression, or beside a statement or function holding it.
  const use = (node: Node, holders: number[], what: string) => {
    const line = node.loc!.start.line;
    const declared = [line, ...holders].map(declarationFor).find((text) => text !== undefined);
    if (declared === undefined) scan.undeclared.push(`${where}:${line}: ${what}`);
    else if (!/^none\b/.test(declared))
      for (const path of declared.split(/[\s,]+/).filter(Boolean)) scan.inputs.push(resolve(dirname(file), path));
  };
  for (const statement of ast.program.body as unknown as Node[]) {
    if (statement.type !== "ImportDeclaration" || !READER_MODULES.has(literal(statement.source) ?? "")) continue;
    for (const specifier of statement.specifiers as Node[]) {
      const local = (specifier.local as Node).name as string;
      if (specifier.type === "ImportSpecifier") {
        if (READERS.has(literal(specifier.imported) ?? ((specifier.imported as Node).name as string)))
          readers.add(local);
      } else namespaces.add(local);
    }
  }
  walk(ast.program as unknown as Node, (node, holders) => {
    if (
      node.type === "ImportExpression" ||
      (node.type === "CallExpression" && (node.callee as Node).type === "Import")
    ) {
      const target = node.type === "ImportExpression" ? node.source : (node.arguments as Node[])[0];
      if (literal(target) === undefined) use(node, holders, "import() of a name that is not a literal");
    } else if (node.type === "CallExpression") {
      const callee = node.callee as Node;
      const name =
        callee.type === "Identifier"
          ? (callee.name as string)
          : callee.type === "MemberExpression" && isNode(callee.property)
            ? (callee.property.name as string)
            : "";
      const onNamespace =
        callee.type === "MemberExpression" &&
        isNode(callee.object) &&
        (namespaces.has(callee.object.name as string) ||
          (callee.object.type === "MemberExpression" && namespaces.has((callee.object.object as Node).name as string)));
      if ((callee.type === "Identifier" && readers.has(name)) || (onNamespace && READERS.has(name)))
        use(node, holders, `${name}() reads a file at run time`);
      else if (
        callee.type === "Identifier" &&
        name === "require" &&
        literal((node.arguments as Node[])[0]) === undefined
      )
        use(node, holders, "require() of a name that is not a literal");
    } else if (node.type === "NewExpression" && (node.callee as Node).name === "URL") {
      const [target, base] = node.arguments as Node[];
      if (!isImportMetaUrl(base)) return;
      const path = literal(target);
      if (path === undefined) use(node, holders, "new URL() of a name that is not a literal");
      else if (path.startsWith(".")) scan.urls.push(resolve(dirname(file), path));
    }
  });
  scans.set(file, scan);
  return scan;
}

// ---------------------------------------------------------------------------------------------
// The bundle's inputs, per entry.

/** The files a bundle of `entry` reads, as esbuild found them, while none of them changed. */
interface EntryInputs {
  stamps: Map<string, string>;
  inputs: string[];
}
const bundles = new Map<string, EntryInputs>();

const stillCurrent = (known: EntryInputs) => {
  for (const [file, stamp] of known.stamps) {
    try {
      if (fileStamp(file) !== stamp) return false;
    } catch {
      return false;
    }
  }
  return true;
};

/** "src/x.ts:3: Could not resolve "./gone.js"", for each error esbuild gives. */
function describeMessages(messages: Message[]): string {
  return messages
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text))
    .slice(0, 5)
    .join("\n");
}

/** Bundles the entries not known (or changed since) in one esbuild call; returns each entry's inputs. */
function bundleInputs(entries: string[], root: string): Map<string, string[]> {
  const missing = entries.filter((entry) => {
    const known = bundles.get(entry);
    return !known || !stillCurrent(known);
  });
  if (missing.length) {
    let metafile: Metafile;
    try {
      ({metafile} = buildSync({
        entryPoints: missing.map((entry, i) => ({in: entry, out: String(i)})),
        absWorkingDir: root,
        bundle: true,
        // Shared code in chunks: generating it once per entry took six times as long. (What
        // counts is the import graph in the metafile, not what ends up in the output.)
        splitting: true,
        write: false,
        metafile: true,
        platform: "node",
        format: "esm",
        outdir: join(root, ".cache", "module-graph"),
        logLevel: "silent",
        external: [SELF],
        ...(existsSync(join(root, "tsconfig.json")) ? {tsconfig: join(root, "tsconfig.json")} : {})
      }));
    } catch (error) {
      const {errors} = error as {errors?: Message[]};
      throw new BuildError(
        errors?.length
          ? `the build cannot follow the imports of its code:\n${describeMessages(errors)}`
          : `the build cannot follow the imports of its code: ${(error as Error).message}`
      );
    }
    // An entry's inputs: every file reached through the import graph from it, whether or not
    // its code ends up in the output (a side-effect import of a module with no side effects).
    const reach = (path: string, seen: Set<string>) => {
      if (seen.has(path) || !(path in metafile.inputs)) return;
      seen.add(path);
      for (const edge of metafile.inputs[path].imports) if (!edge.external) reach(edge.path, seen);
    };
    for (const entry of missing) {
      const seen = new Set<string>();
      reach(relative(root, entry).split(sep).join("/"), seen);
      // esbuild's own helpers ("<runtime>") and disabled modules are not files.
      const inputs = [...seen].filter((input) => !/^[<(]|^[a-z-]+:/.test(input)).map((input) => resolve(root, input));
      const stamps = new Map<string, string>();
      for (const input of inputs) stamps.set(input, fileStamp(input));
      bundles.set(entry, {stamps, inputs});
    }
  }
  return new Map(entries.map((entry) => [entry, bundles.get(entry)?.inputs ?? [entry]]));
}

// ---------------------------------------------------------------------------------------------
// Installed packages.

/** The folder of the installed package a file belongs to: .../node_modules/@scope/name or .../node_modules/name. */
function packageFolder(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || at + 1 >= parts.length) return undefined;
  return parts.slice(0, at + (parts[at + 1].startsWith("@") ? 3 : 2)).join(sep);
}

interface Lock {
  packages?: Record<string, {version?: string; link?: boolean; optional?: boolean; dev?: boolean}>;
}
const checkedLocks = new Map<string, string>();

/**
 * Stops when node_modules is not what package-lock.json pins: between a pull that changes the
 * lockfile and `npm ci`, results would be computed with the old packages and stored under the
 * new fingerprints. Checked once per lockfile state per process.
 */
export function checkInstalled(root = projectRoot): void {
  const lockFile = join(root, "package-lock.json");
  if (!existsSync(lockFile)) return;
  const stamp = fileStamp(lockFile);
  if (checkedLocks.get(root) === stamp) return;
  let lock: Lock;
  try {
    lock = JSON.parse(readFileSync(lockFile, "utf8")) as Lock;
  } catch (error) {
    throw new SettingsError(`${lockFile}: not valid JSON (${(error as Error).message}); restore it and run npm ci`);
  }
  const wrong: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith("node_modules/") || entry.link || !entry.version) continue;
    let installed: string | undefined;
    try {
      installed = (JSON.parse(readFileSync(join(root, path, "package.json"), "utf8")) as {version?: string}).version;
    } catch {
      if (entry.optional) continue; // another platform's binary, as npm leaves them out
    }
    if (installed !== entry.version)
      wrong.push(`${path.slice("node_modules/".length)} ${installed ?? "missing"} (lockfile: ${entry.version})`);
  }
  if (wrong.length)
    throw new SettingsError(
      `node_modules does not match package-lock.json: ${wrong.slice(0, 3).join(", ")}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ""}; run npm ci`
    );
  checkedLocks.set(root, stamp);
}

/** Each reached package as name@version (from its installed package.json), with a hash of the files of it reached. */
function packageHashes(files: string[], root: string): Record<string, string> {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = packageFolder(file)!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const packages: Record<string, string> = {};
  for (const [folder, reached] of byFolder) {
    const manifest = join(folder, "package.json");
    let id = relative(join(folder, ".."), folder).split(sep).join("/");
    try {
      const {name, version} = JSON.parse(readFileSync(manifest, "utf8")) as {name?: string; version?: string};
      id = `${name ?? id}@${version ?? "unversioned"}`;
    } catch {
      id = `${id}@unknown`;
    }
    const hash = createHash("sha256");
    for (const file of [manifest, ...reached.sort()].filter(existsSync))
      hash.update(relative(folder, file)).update("\0").update(hashFile(file, root));
    packages[id] = hash.digest("hex");
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------

/** Every file under `path` (or `path` itself), for a declared input. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [path]; // named in an error by hashFile
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, {withFileTypes: true})
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

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
  let pending = [...new Set(entryLists.flat().map((entry) => resolve(entry)))];
  while (pending.length) {
    for (const [entry, inputs] of bundleInputs(pending, root)) inputsOf.set(entry, inputs);
    const next = new Set<string>();
    for (const entry of pending)
      for (const input of inputsOf.get(entry)!)
        if (!input.split(sep).includes("node_modules") && SOURCE.test(input))
          for (const url of scanModule(input, root).urls)
            if (SOURCE.test(url) && !inputsOf.has(url) && existsSync(url)) next.add(url);
    pending = [...next];
  }
  return entryLists.map((entries) => {
    const reached = new Set<string>();
    const visit = (entry: string) => {
      if (reached.has(entry)) return;
      reached.add(entry);
      for (const input of inputsOf.get(entry) ?? [entry]) {
        reached.add(input);
        if (input.split(sep).includes("node_modules") || !SOURCE.test(input)) continue;
        for (const url of scanModule(input, root).urls) visit(url);
      }
    };
    for (const entry of entries) visit(resolve(entry));
    const project = [...reached].filter((file) => !file.split(sep).includes("node_modules"));
    const undeclared = project.filter((file) => SOURCE.test(file)).flatMap((file) => scanModule(file, root).undeclared);
    if (undeclared.length)
      throw new BuildError(
        `the build cannot tell what this code reads, so it cannot tell when to recompute results that use it:\n  ${undeclared.slice(0, 8).join("\n  ")}\n` +
          `declare it beside the code with a "// ${DECLARATION} <files>" or "// ${DECLARATION} none, <why>" comment (data-loaders/module-graph.ts)`
      );
    const declared = project.filter((file) => SOURCE.test(file)).flatMap((file) => scanModule(file, root).inputs);
    const files: Record<string, string> = {};
    for (const file of [...project, ...declared.flatMap(filesUnder)].sort())
      files[relative(root, file).split(sep).join("/")] = hashFile(file, root);
    return {
      files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
      packages: packageHashes(
        [...reached].filter((file) => file.split(sep).includes("node_modules")),
        root
      )
    };
  });
}

/** One hash of a closure: any module's bytes, any declared input or any reached package changing changes it. */
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
