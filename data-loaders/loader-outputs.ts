// The files data loaders make, kept in Framework's cache only while nothing they depend on
// has changed. Each output's fingerprint hashes its loader's module closure (module-graph.ts),
// its params, and, when that closure reads them, the dataset's checksum and the build
// settings. An output whose fingerprint matches the one recorded when it was written is
// reused; any other is produced again, in this process (Framework then runs no loader: it
// reuses any output it finds in its cache, newer than the loader, as advised in
// observablehq/framework#1148).
import {createHash} from "node:crypto";
import {existsSync, readFileSync, rmSync, statSync, utimesSync} from "node:fs";
import {join, relative} from "node:path";
import {pathToFileURL} from "node:url";
import {hasStrings, isClosure, readBuildState, recordOf, writeBuildState} from "./build-state.js";
import type {Dataset} from "./dataset.js";
import type {Loader} from "./loader.js";
import {BuildError, UsageError} from "./errors.js";
import {closureChanges, closureHash, closures, projectRoot, type Closure} from "./module-graph.js";
import type {PageScan} from "./renderer.js";
import type {Settings} from "./settings.js";
import {removeAbandonedTemporaries, writeAtomically} from "./temporaries.js";
import {cachedOutputs, findLoader, frameworkCache, type Output, srcDir} from "./loader-files.js";

interface OutputRecord {
  fingerprint: string;
  closure: Closure;
  datasetChecksum?: string;
  settings?: Partial<Settings>;
  /** SHA-256 of the file as it was written. */
  bytes?: string;
}

/** SHA-256 of a cached output, or undefined when it cannot be read. */
function bytesHash(file: string): string | undefined {
  try {
    // build-input: none, the cached output itself, checked against the hash recorded when it was made
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** What an output depends on (`found`: its loader's closure), and its fingerprint. */
export function fingerprint(output: Output, dataset: Dataset, settings: Settings, found: Closure): OutputRecord {
  // The dataset and the settings count only for loaders that read them.
  const datasetChecksum = "data-loaders/dataset.ts" in found.files ? dataset.checksum : undefined;
  const used =
    "data-loaders/settings.ts" in found.files
      ? {trainLimit: settings.trainLimit ?? null, kernel: settings.kernel, seeds: settings.seeds}
      : undefined;
  const hash = createHash("sha256")
    .update(
      JSON.stringify({
        output: output.name,
        params: output.params,
        closure: closureHash(found),
        datasetChecksum,
        settings: used
      })
    )
    .digest("hex");
  return {fingerprint: hash, closure: found, datasetChecksum, settings: used as Partial<Settings> | undefined};
}

/** Why an output must be made again, for a person. */
function reason(before: OutputRecord | undefined, now: OutputRecord): string {
  if (!before) return "not built before";
  if (before.datasetChecksum !== now.datasetChecksum) return "the dataset changed";
  const settings = Object.keys({...before.settings, ...now.settings}).filter(
    (key) =>
      JSON.stringify(before.settings?.[key as keyof Settings]) !== JSON.stringify(now.settings?.[key as keyof Settings])
  );
  if (settings.length)
    return `settings changed (${settings.map((key) => `${key} ${before.settings?.[key as keyof Settings] ?? "-"} -> ${now.settings?.[key as keyof Settings] ?? "-"}`).join(", ")})`;
  const changes = closureChanges(before.closure, now.closure);
  if (changes.length)
    return changes.length > 2 ? `${changes.slice(0, 2).join(", ")} and ${changes.length - 2} more` : changes.join(", ");
  return "its output was missing";
}

/**
 * Gives an output a modification time 1 ms after its loader's (whole milliseconds, so that
 * rounding cannot put it before). Framework serves a cached output that is not older than
 * its loader (so it runs no loader), and writes that time into the pages (FileAttachment's
 * lastModified): a time that depends only on the loader keeps a rebuilt site byte-identical.
 */
export function stampLike(output: string, loader: string): void {
  const target = Math.floor(statSync(loader).mtimeMs) + 1;
  if (Math.floor(statSync(output).mtimeMs) !== target) utimesSync(output, new Date(), new Date(target));
}

export interface OutputResult {
  name: string;
  reused: boolean;
  reason?: string;
}

/**
 * Makes every attached file current in Framework's cache: reuses those whose fingerprints
 * match, produces the others in this process, and deletes cached files of other names whose
 * fingerprints no longer match (Framework runs their loaders again if a page asks).
 */
export async function refreshOutputs(
  dataset: Dataset,
  settings: Settings,
  pages: PageScan,
  onProduce: (output: Output, reason: string) => void = () => {}
): Promise<OutputResult[]> {
  removeAbandonedTemporaries(join(frameworkCache, "data"));
  const manifest = readBuildState(
    "outputs.json",
    recordOf<OutputRecord>(
      "an object of output records",
      (record) => hasStrings("fingerprint")(record) && isClosure((record as OutputRecord).closure)
    )
  );
  const results: OutputResult[] = [];
  const outputs = Object.entries(pages.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, namedBy]) => {
      const output = findLoader(name);
      if (!output && !existsSync(join(srcDir, name)))
        throw new BuildError(
          `${namedBy.join(", ")} ${namedBy.length > 1 ? "name" : "names"} ${name}, but src/ has no such file and no loader for it`
        );
      return output;
    })
    .filter((output): output is Output => output !== undefined);
  // Each loader is imported once; a contributor's mistake in one (a misspelled import, table or
  // experiment) is told naming the loader's file and the file it makes, without a stack; a
  // fault in our code keeps its stack.
  const where = ({name, loader}: Output) => {
    const pagesNaming = pages.files[name];
    return `${pagesNaming.join(", ")} ${pagesNaming.length > 1 ? "attach" : "attaches"} ${name}, which ${relative(projectRoot, loader)} makes`;
  };
  const modules = new Map<string, Loader>();
  const loaderOf = async (output: Output): Promise<Loader> => {
    let loader = modules.get(output.loader);
    if (loader) return loader;
    try {
      loader = (await import(pathToFileURL(output.loader).href)).default as Loader;
    } catch (error) {
      const mistake =
        error instanceof SyntaxError ||
        error instanceof UsageError ||
        (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
      throw mistake ? new UsageError(`${where(output)}: ${(error as Error).message}`, {cause: error}) : error;
    }
    if (typeof loader?.produce !== "function")
      throw new UsageError(`${where(output)}: a loader must export default defineLoader(...) (data-loaders/loader.ts)`);
    modules.set(output.loader, loader);
    return loader;
  };
  // What each output's code is: its loader's closure, and that of any sources it names (the one
  // experiment a result table comes from).
  const entries: string[][] = [];
  for (const output of outputs) {
    const loader = await loaderOf(output);
    let sources: string[] = [];
    try {
      sources = loader.sources?.(output.params) ?? [];
    } catch (error) {
      throw error instanceof UsageError ? new UsageError(`${where(output)}: ${error.message}`, {cause: error}) : error;
    }
    entries.push([output.loader, ...sources]);
  }
  const found = closures(entries); // one esbuild run for all of them
  for (const [i, output] of outputs.entries()) {
    const now = fingerprint(output, dataset, settings, found[i]);
    const cached = join(frameworkCache, output.name);
    const before = manifest[output.name];
    // Reused only if its bytes are those it was made with: a truncated or garbage file is made again.
    const intact =
      before?.fingerprint === now.fingerprint && before.bytes !== undefined && bytesHash(cached) === before.bytes;
    if (intact) {
      stampLike(cached, output.loader);
      results.push({name: output.name, reused: true});
      continue;
    }
    const why =
      before?.fingerprint !== now.fingerprint
        ? reason(before, now)
        : before.bytes === undefined
          ? "no checksum of its bytes was recorded (made by an older build)"
          : existsSync(cached)
            ? "its cached file was damaged (its bytes differ from when it was made)"
            : "its cached file was missing";
    onProduce(output, why);
    const loader = await loaderOf(output);
    let bytes: Uint8Array;
    try {
      bytes = await loader.produce(output.params);
    } catch (error) {
      throw error instanceof UsageError ? new UsageError(`${where(output)}: ${error.message}`, {cause: error}) : error;
    }
    writeAtomically(cached, bytes);
    stampLike(cached, output.loader);
    manifest[output.name] = {...now, bytes: createHash("sha256").update(bytes).digest("hex")};
    results.push({name: output.name, reused: false, reason: why});
  }
  // Cached outputs no page names any more: not part of the site, and Framework would publish them stale.
  const attached = new Set(outputs.map((output) => output.name));
  for (const name of cachedOutputs()) {
    if (attached.has(name)) continue;
    rmSync(join(frameworkCache, name), {force: true});
    delete manifest[name];
  }
  writeBuildState("outputs.json", manifest);
  return results;
}
