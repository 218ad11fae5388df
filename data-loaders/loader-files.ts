// Where loader outputs are: the loaders in src/data/ that make the files pages attach, found as
// Framework finds them, and the outputs already in Framework's cache.
import {type Dirent, existsSync, readdirSync} from "node:fs";
import {dirname, join} from "node:path";
import {projectRoot} from "./module-graph.js";

export const srcDir = join(projectRoot, "src");
export const frameworkCache = join(srcDir, ".observablehq", "cache");

/** A file a page attaches (data/exp2-scores.arrow) and the loader that makes it. */
export interface Output {
  name: string;
  loader: string;
  params: Record<string, string>;
}

/**
 * The loader in src/data/ that makes `name`, as Framework matches them: none for a file that is
 * there as it is, then a loader of the exact name, then [param] names ([result].arrow.ts).
 */
export function findLoader(name: string, dir = srcDir): Output | undefined {
  const folder = join(dir, dirname(name));
  const base = name.slice(dirname(name).length + 1);
  if (existsSync(join(folder, base))) return undefined;
  let loaders: string[];
  try {
    loaders = readdirSync(folder).filter((file) => file.endsWith(".ts"));
  } catch {
    return undefined;
  }
  if (loaders.includes(base + ".ts")) return {name, loader: join(folder, base + ".ts"), params: {}};
  for (const file of loaders) {
    const pattern = file
      .slice(0, -3)
      .replace(/[.*+?^${}()|\\]/g, "\\$&")
      .replace(/\[(\w+)\]/g, "(?<$1>[^/]+?)");
    const match = new RegExp(`^${pattern}$`).exec(base);
    if (match) return {name, loader: join(folder, file), params: {...match.groups}};
  }
  return undefined;
}

/** Loader outputs in Framework's cache, by name (data/exp2-scores.arrow). */
export function cachedOutputs(): string[] {
  const names: string[] = [];
  const visit = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, {withFileTypes: true});
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith("_")) continue; // Framework's own bundles (_node, _npm, _observablehq)
      if (entry.isDirectory()) visit(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (!/\.tmp-\d+-|\.\d+(\.err)?$/.test(entry.name)) names.push(prefix + entry.name);
    }
  };
  visit(frameworkCache, "");
  return names.sort();
}
