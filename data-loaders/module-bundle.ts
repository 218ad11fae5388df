// The files an esbuild bundle of each entry reads (module-graph.ts): every module it reaches by
// Node's resolution, with the project's tsconfig.
import {existsSync} from "node:fs";
import {join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {buildSync, type Message, type Metafile} from "esbuild";
import {BuildError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";

/** module-graph.ts: it finds results' dependencies, it shapes none of them, so no closure holds it or what it imports. */
const GRAPH = fileURLToPath(new URL("./module-graph.ts", import.meta.url));

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
export function bundleInputs(entries: string[], root: string): Map<string, string[]> {
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
        external: [GRAPH],
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
