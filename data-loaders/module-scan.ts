// What esbuild cannot see (module-graph.ts): a scan of each project module's syntax tree by
// Babel's parser, for workers and entries started by `new URL("./x.ts", import.meta.url)`, and
// imports whose target is not a literal and files read at run time, which must be declared
// beside the code with a `// build-input: ...` comment (DECLARATION).
import {createHash} from "node:crypto";
import {existsSync, readFileSync, statSync} from "node:fs";
import {dirname, relative, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {parse} from "@babel/parser";
import {
  type BabelToken,
  isImportMetaUrl,
  isNode,
  literal,
  nameOf,
  type Node,
  parserOptions,
  urlLiteral,
  walk
} from "./syntax-tree.js";
import {BuildError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";

/**
 * How code declares what the parser cannot follow, in a comment on the line of the read or
 * import, or in the comment lines just above it:
 * - `// build-input: ../data/table.json ../fixtures` — these files (folders: every file in
 *   them), relative to the declaring module, are hashed with the module;
 * - `// build-input: none, <why>` — what it reads is covered another way (the run store's
 *   entries by their keys, the dataset by its checksum), or is the build's own state.
 */
export const DECLARATION = "build-input:";

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

export function scanModule(file: string, root: string): Scan {
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
