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
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, realpathSync, statSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {parse} from "@babel/parser";
import {buildSync, type Message, type Metafile} from "esbuild";
import {BuildError, SettingsError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";

/** The project folder (where package.json is). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** This module: it finds results' dependencies, it shapes none of them, so no closure holds it. */
const SELF = fileURLToPath(import.meta.url);

export interface Closure {
  /** Project-relative path of each module reached (SHA-256 of its code) and each declared input (of its bytes). */
  files: Record<string, string>;
  /** name@version of each installed npm package reached, with the SHA-256 of its installed files. */
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
  /**
   * SHA-256 of its code without its comments: editing a comment (or a build-input
   * declaration, whose files count by their own hashes) recomputes nothing.
   */
  code: string;
}
const scans = new Map<string, Scan>();

/**
 * Functions that read a file or a folder whose content the code then uses (fs, fs/promises,
 * module). Any mention of these names in code counts, wherever they came from (an import, a
 * require, process.getBuiltinModule, a helper that re-exports them): a false alarm costs one
 * comment, a miss costs stale results.
 */
const READERS = new Set([
  "readFileSync",
  "readFile",
  "readdirSync",
  "readdir",
  "createReadStream",
  "openSync",
  "opendirSync",
  "opendir",
  "createRequire",
  "getBuiltinModule"
]);
/** Functions that start other code from a path: only `new Worker(new URL("./x", import.meta.url))` is followed. */
const STARTERS = new Set(["Worker", "fork", "spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync"]);

// Babel's tree is walked generically: the few node shapes looked at are typed here.
interface Node {
  type: string;
  loc?: {start: {line: number; column: number}; end: {line: number}};
  [key: string]: unknown;
}
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** Visits each node with the start line of the innermost statement or declaration holding it. */
function walk(node: Node, visit: (node: Node, statement: number) => void, statement = 0): void {
  if (/(Statement|Declaration)$/.test(node.type) && node.loc) statement = node.loc.start.line;
  visit(node, statement);
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments") continue;
    if (Array.isArray(value)) for (const item of value) isNode(item) && walk(item, visit, statement);
    else if (isNode(value)) walk(value, visit, statement);
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

/** The name a node gives: an identifier's, or a string literal's (fs["readFileSync"]). */
const nameOf = (node: unknown): string | undefined =>
  isNode(node) ? ((node.type === "Identifier" ? node.name : literal(node)) as string | undefined) : undefined;

const isImportMetaUrl = (node: unknown) =>
  isNode(node) &&
  node.type === "MemberExpression" &&
  isNode(node.object) &&
  node.object.type === "MetaProperty" &&
  nameOf(node.property) === "url";

/** `new URL(<literal>, import.meta.url)`: the file a module starts or reads by its own location. */
const urlLiteral = (node: unknown): string | undefined => {
  if (!isNode(node) || node.type !== "NewExpression" || nameOf(node.callee) !== "URL") return undefined;
  const [target, base] = node.arguments as Node[];
  return isImportMetaUrl(base) ? literal(target) : undefined;
};

/** A token as Babel 7 gives it with `tokens: true`. */
interface BabelToken {
  type: string | {label: string};
  value?: unknown;
  loc: {start: {line: number}; end: {line: number}};
}

/** The parser's options for a file: TypeScript or JavaScript, module or CommonJS, with JSX where its extension says. */
function parserOptions(file: string): Parameters<typeof parse>[1] {
  const commonJs = /\.c[jt]s$/.test(file);
  return {
    sourceType: commonJs ? "script" : "module",
    allowReturnOutsideFunction: commonJs,
    plugins: [
      ...(/\.[cm]?tsx?$/.test(file) ? (["typescript"] as const) : []),
      ...(/x$/.test(file) ? (["jsx"] as const) : [])
    ],
    errorRecovery: false,
    tokens: true
  } as Parameters<typeof parse>[1];
}

function scanModule(file: string, root: string): Scan {
  const where = relative(root, file);
  let stamp: string;
  let source: string;
  try {
    stamp = fileStamp(file);
    const known = scans.get(file);
    if (known?.stamp === stamp) return known;
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new BuildError(
      `${where}: cannot read a module the build depends on (${(error as NodeJS.ErrnoException).code})`
    );
  }
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(source, parserOptions(file));
  } catch (error) {
    throw new BuildError(`${where}: cannot be parsed (${(error as Error).message})`);
  }
  const lines = source.split("\n");
  const comments = (ast.comments ?? []).map((comment) => ({
    start: comment.loc!.start.line,
    end: comment.loc!.end.line,
    // A comment alone on its line(s), not one trailing the code of the line before.
    own: lines[comment.loc!.start.line - 1].slice(0, comment.loc!.start.column).trim() === "",
    text: comment.value
  }));
  /** The declaration on `line` itself, or in the comment lines just above it. */
  const declarationFor = (line: number): string | undefined => {
    const block = comments.filter((c) => c.start <= line && c.end >= line);
    for (let above = line - 1, c = comments.find((c) => c.end === above && c.own); c; ) {
      block.push(c);
      above = c.start - 1;
      c = comments.find((c) => c.end === above && c.own);
    }
    const text = block.map((c) => c.text).find((t) => t.includes(DECLARATION));
    return text?.slice(text.indexOf(DECLARATION) + DECLARATION.length).trim();
  };
  // The code as its tokens (kind and value), each marked as starting a line or not (a line
  // break can end a statement): comments and the spaces between tokens do not count.
  const hash = createHash("sha256");
  let line = 0;
  for (const token of (ast as unknown as {tokens: BabelToken[]}).tokens) {
    const kind = typeof token.type === "string" ? token.type : token.type.label;
    if (kind === "CommentLine" || kind === "CommentBlock") continue;
    hash.update(`${token.loc.start.line > line ? "\n" : " "}${kind}\u0000${token.value ?? ""}`);
    line = token.loc.end.line;
  }
  const scan: Scan = {stamp, urls: [], inputs: [], undeclared: [], code: hash.digest("hex")};
  const aliases = new Set<string>(); // import {readFileSync as load}: calls of load() read too
  /** Beside the expression, or beside the statement holding it; "none" must say why. */
  const use = (node: Node, statement: number, what: string) => {
    const line = node.loc!.start.line;
    const declared = declarationFor(line) ?? (statement ? declarationFor(statement) : undefined);
    if (declared === undefined || /^none\b\W*$/.test(declared))
      scan.undeclared.push(
        `${where}:${line}: ${what}${declared === undefined ? "" : " (declared none without saying why)"}`
      );
    else if (!/^none\b/.test(declared))
      for (const path of declared.split(/[\s,]+/).filter(Boolean)) scan.inputs.push(resolve(dirname(file), path));
  };
  walk(ast.program as unknown as Node, (node, statement) => {
    const name = (key: string) => nameOf(node[key]);
    switch (node.type) {
      case "ImportSpecifier":
      case "ExportSpecifier": {
        // Renamed readers are followed by their new name; re-exports are reads by whoever calls them.
        const imported = nameOf(node.type === "ImportSpecifier" ? node.imported : node.local);
        if (imported && READERS.has(imported)) {
          if (node.type === "ExportSpecifier") use(node, statement, `${imported} re-exported`);
          else aliases.add(name("local")!);
        }
        return;
      }
      case "ImportExpression":
        if (literal(node.source) === undefined) use(node, statement, "import() of a name that is not a literal");
        return;
      case "MemberExpression":
      case "OptionalMemberExpression": {
        const property = node.computed ? literal(node.property) : name("property");
        if (property && READERS.has(property)) use(node, statement, `${property}() reads a file at run time`);
        else if (
          property === "resolve" &&
          (nameOf(node.object) === "require" || (isNode(node.object) && node.object.type === "MetaProperty"))
        )
          use(node, statement, "a path resolved at run time");
        return;
      }
      case "ObjectProperty": {
        // const {readFileSync} = fs
        const key = nameOf(node.key);
        if (key && READERS.has(key)) use(node, statement, `${key}() reads a file at run time`);
        return;
      }
      case "CallExpression":
      case "NewExpression": {
        const callee = node.callee as Node;
        const called =
          callee.type === "Import"
            ? "import"
            : (nameOf(callee) ?? (callee.type === "MemberExpression" ? nameOf(callee.property) : undefined));
        const [first] = node.arguments as Node[];
        if (callee.type === "Import" && literal(first) === undefined)
          use(node, statement, "import() of a name that is not a literal");
        else if (called && callee.type === "Identifier" && (READERS.has(called) || aliases.has(called)))
          use(node, statement, `${called}() reads a file at run time`);
        else if (called === "require" && callee.type === "Identifier" && literal(first) === undefined)
          use(node, statement, "require() of a name that is not a literal");
        // (x.exec(...) is RegExp's far more often than child_process's: only a bare exec() counts.)
        else if (called && STARTERS.has(called) && (called !== "exec" || callee.type === "Identifier")) {
          const url = urlLiteral(first);
          if (called === "Worker" && url !== undefined) return; // followed as an entry below
          use(node, statement, `${called}() starts code the build cannot follow`);
        } else if (
          called === "URL" &&
          node.type === "NewExpression" &&
          isImportMetaUrl((node.arguments as Node[])[1])
        ) {
          const path = literal(first);
          if (path === undefined) use(node, statement, "new URL() of a name that is not a literal");
          else if (!/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("file:")) {
            const target = fileURLToPath(new URL(path, pathToFileURL(file)));
            if (!existsSync(target))
              throw new BuildError(
                `${where}:${node.loc!.start.line}: new URL("${path}", import.meta.url) names ${relative(root, target)}, which does not exist`
              );
            if (!statSync(target).isDirectory()) scan.urls.push(target); // a folder is a base for other URLs
          }
        }
        return;
      }
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

const RESOLUTION = ["tsconfig.json", "package.json"];

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
      if (seen.size === 0) throw new BuildError(`${relative(root, entry)}: esbuild's graph does not hold this entry`);
      // esbuild's own helpers ("<runtime>") and disabled modules are not files.
      const inputs = [...seen].filter((input) => !/^[<(]|^[a-z-]+:/.test(input)).map((input) => resolve(root, input));
      const stamps = new Map<string, string>();
      // The files that steer resolution (paths, imports maps) count as inputs of every entry.
      for (const input of [...inputs, ...RESOLUTION.map((name) => join(root, name)).filter(existsSync)])
        stamps.set(input, fileStamp(input));
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
  packages?: Record<
    string,
    {version?: string; link?: boolean; optional?: boolean; dev?: boolean; devOptional?: boolean}
  >;
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
      // Another platform's binary, or dev packages left out by npm ci --omit=dev: absent by design.
      if (entry.optional || entry.dev || entry.devOptional) continue;
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

/**
 * A hash of every installed file of a package: code it loads by a computed name is covered too.
 * Kept while the files of it the bundle reached are unchanged (a process reads each package once).
 */
const packageHashCache = new Map<string, {stamps: string; hash: string}>();
function packageHash(folder: string, reached: string[], root: string): string {
  const stamps = [join(folder, "package.json"), ...reached].filter(existsSync).map(fileStamp).join();
  const known = packageHashCache.get(folder);
  if (known?.stamps === stamps) return known.hash;
  const hash = createHash("sha256");
  // Not the packages installed inside it: they count as packages of their own.
  for (const file of filesUnder(folder, (name) => name === "node_modules"))
    hash.update(relative(folder, file)).update("\0").update(hashFile(file, root));
  const result = hash.digest("hex");
  packageHashCache.set(folder, {stamps, hash: result});
  return result;
}

/** Each reached package as name@version (from its installed package.json), with a hash of its installed files. */
function packageHashes(files: string[], root: string): Record<string, string> {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = packageFolder(file)!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const packages: Record<string, string> = {};
  for (const [folder, reached] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    let id = relative(join(folder, ".."), folder).split(sep).join("/");
    try {
      const {name, version} = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      id = `${name ?? id}@${version ?? "unversioned"}`;
    } catch {
      id = `${id}@unknown`;
    }
    // Two installed copies of one version (one nested in another package): each counts.
    if (id in packages) id = `${id} (${relative(root, folder).split(sep).join("/")})`;
    packages[id] = packageHash(folder, reached, root);
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------

/** Every file under `path` (or `path` itself), sorted, leaving out folders `skip` names. */
function filesUnder(path: string, skip: (name: string) => boolean = () => false): string[] {
  if (!existsSync(path)) return [path]; // named in an error by hashFile
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, {withFileTypes: true})
    .filter((entry) => !skip(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name), skip));
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
          `declare it beside the code with a "// ${DECLARATION} <files>" or "// ${DECLARATION} none, <why>" comment (data-loaders/module-graph.ts)`
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
