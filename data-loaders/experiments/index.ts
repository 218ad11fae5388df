// The experiment list: every file in this folder whose default export is an experiment. Adding
// an experiment is adding its file (and its page): nothing here names them. Files without a
// default export (experiment.ts, result-tables.ts, ...) are helpers.
import {existsSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {UsageError} from "../errors.js";
import {projectRoot} from "../module-graph.js";
import type {Experiment} from "./experiment.js";

/** The folder of the definitions (this file's). */
export const experimentsDir = fileURLToPath(new URL(".", import.meta.url));

/** An experiment and the file that defines it (its code, for the build's fingerprints). */
export interface ListedExperiment {
  experiment: Experiment;
  file: string;
}

const ID = /^[a-z][a-z0-9]*$/;

/** What is wrong with `value` as an experiment, or undefined; `src` is where its page must be. */
function fault(value: unknown, src: string): string | undefined {
  const e = value as Partial<Experiment>;
  if (typeof e !== "object" || e === null) return "its default export is not an experiment object";
  if (typeof e.id !== "string" || !ID.test(e.id))
    return `its id ${JSON.stringify(e.id)} must be lower-case letters and digits, starting with a letter (it prefixes data/<id>-<table>.arrow)`;
  for (const key of ["title", "description"] as const)
    if (typeof e[key] !== "string" || !e[key].trim()) return `it has no ${key}`;
  if (typeof e.page !== "string" || !/^\/[\w-]+$/.test(e.page))
    return `its page ${JSON.stringify(e.page)} must be like "/experiment-8"`;
  if (!existsSync(join(src, `${e.page.slice(1)}.md`))) return `its page ${e.page} has no file src${e.page}.md`;
  if (typeof e.runs !== "function") return "it has no runs(settings) function";
  if (typeof e.tables !== "object" || e.tables === null || !Object.keys(e.tables).length) return "it has no tables";
  const bad = Object.entries(e.tables).find(([, make]) => typeof make !== "function");
  if (bad) return `its table "${bad[0]}" is not a function of the runs`;
  const badName = Object.keys(e.tables).find((name) => !/^[\w.-]+$/.test(name));
  if (badName !== undefined)
    return `its table name ${JSON.stringify(badName)} must be letters, digits, ".", "-" or "_" (it names data/${e.id}-${badName}.arrow)`;
  return undefined;
}

/**
 * Every experiment, sorted by title with numbers compared as numbers ("Experiment 10" after
 * "Experiment 9"). A definition that is not a valid experiment, or two with one id, is a
 * UsageError naming the file; `src` is the folder of the pages (tests use a copy).
 */
export async function listExperiments(
  dir = experimentsDir,
  src = join(projectRoot, "src")
): Promise<ListedExperiment[]> {
  // build-input: none, a result loader names the definition its output comes from as a source (loader.ts), which joins its fingerprint
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts") && name !== "index.ts")
    .sort();
  const listed: ListedExperiment[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const where = relative(projectRoot, file);
    let module: {default?: unknown};
    try {
      // build-input: none, as above
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      throw new UsageError(`${where}: ${(error as Error).message}`, {cause: error});
    }
    if (module.default === undefined) continue;
    const problem = fault(module.default, src);
    if (problem) throw new UsageError(`${where}: ${problem}`);
    const experiment = module.default as Experiment;
    const twin = listed.find((other) => other.experiment.id === experiment.id);
    if (twin)
      throw new UsageError(`${where}: its id "${experiment.id}" is already ${relative(projectRoot, twin.file)}'s`);
    listed.push({experiment, file});
  }
  const collator = new Intl.Collator("en", {numeric: true});
  return listed.sort((a, b) => collator.compare(a.experiment.title, b.experiment.title));
}

// A contributor's mistake in a definition is one line naming the file, whichever command (the
// build, npm run experiment, Framework reading the config) first reads the list; not a stack.
const listed = await listExperiments().catch((error: unknown) => {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(2);
});

/** The file that defines each experiment, by id. */
export const experimentFiles: Record<string, string> = Object.fromEntries(
  listed.map(({experiment, file}) => [experiment.id, file])
);

/** Every experiment, by id, in report order (the sidebar's). */
export const experiments: Record<string, Experiment> = Object.fromEntries(
  listed.map(({experiment}) => [experiment.id, experiment])
);
