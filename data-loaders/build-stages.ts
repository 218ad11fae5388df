// The build's stages (started by build.ts): trains the runs the store lacks (on the worker
// pool), makes again only the loader outputs whose fingerprints changed (in this one process,
// reading MNIST once), renders the site unless nothing it is made of changed, and says on
// stderr what it reused and recomputed, and why.
import {relative, resolve} from "node:path";
import {loadDataset, type Dataset} from "./dataset.js";
import {CommandLineError, describeError, parseCommandLine} from "./errors.js";
import {experiments} from "./experiments/index.js";
import {refreshOutputs, type OutputResult} from "./loader-outputs.js";
import {projectRoot} from "./module-graph.js";
import {pageFiles} from "./page-files.js";
import {checkRunStore, checkSiteOutput} from "./output-folders.js";
import {ensureRuns} from "./run-pool.js";
import {checkSettings, readSettings, type Settings} from "./settings.js";
import type {ShardChoice} from "./shard-choice.js";
import {SHARD_OPTIONS, shardOf, shardPlan, shardRequests} from "./shard-training.js";
import {withLock} from "./build-lock.js";
import {type Renderer, startRenderer} from "./renderer.js";
import {buildSite} from "./site-build.js";

const log = (line: string) => void process.stderr.write(line + "\n");
/** The folder the site is swapped into: SITE_OUTPUT, resolved against the project, or dist. */
const siteOutput = () => resolve(projectRoot, process.env.SITE_OUTPUT || "dist");
/** SITE_OUTPUT as the user wrote it, for messages. */
const siteLabel = () =>
  process.env.SITE_OUTPUT ? `SITE_OUTPUT=${process.env.SITE_OUTPUT}` : "SITE_OUTPUT (unset: dist)";
const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/** The experiment (or loader family) a file belongs to: data/exp5-backquery-0.1.arrow -> exp5. */
const groupOf = (name: string) => name.replace(/^data\//, "").split(/[-.]/)[0];

/** "exp5: 24 files recomputed (data-loaders/experiments/back-query.ts changed)", one line per experiment or loader group. */
export function describeOutputs(results: OutputResult[]): string[] {
  const groups = new Map<string, OutputResult[]>();
  for (const result of results) {
    const group = groupOf(result.name);
    groups.set(group, [...(groups.get(group) ?? []), result]);
  }
  return [...groups].map(([group, items]) => {
    const made = items.filter((item) => !item.reused);
    if (made.length === 0) return `${group}: ${items.length} files reused`;
    const reasons = [...new Set(made.map((item) => item.reason))].join("; ");
    return `${group}: ${made.length} files recomputed (${reasons})${made.length < items.length ? `, ${items.length - made.length} reused` : ""}`;
  });
}

async function main(argv: string[], renderer?: Renderer): Promise<void> {
  const start = performance.now();
  const {values} = parseCommandLine(
    {
      args: argv,
      options: {yes: {type: "boolean"}, "runs-only": {type: "boolean"}, "no-site": {type: "boolean"}, ...SHARD_OPTIONS}
    },
    (message) =>
      `npm run build: ${message} (options: --yes, --runs-only, --no-site; with --runs-only: --shard I/N, --shards N, --shards-plan N)`
  );
  const shard = shardOf(values, values["runs-only"] ?? false, process.env);
  const settings = readSettings();
  // The folders it writes, checked before any training: a wrong one costs a line, not the runs' time.
  if (!values["runs-only"] && !values["no-site"]) checkSiteOutput(siteOutput(), siteLabel());
  checkRunStore();
  const dataset = loadDataset();
  checkSettings(settings, dataset);
  log(
    `build: seeds 1-${settings.seeds}, kernel ${settings.kernel}, ${settings.workers} workers` +
      `${settings.trainLimit ? `, first ${settings.trainLimit} training images (TRAIN_LIMIT)` : `, all ${dataset.train.count.toLocaleString("en")} training images`}`
  );
  const plan = values["shards-plan"];
  // The plan only splits the runs: it trains nothing and writes nothing (stdout: the plan is the answer).
  if (plan !== undefined) return void process.stdout.write(`${shardPlan(settings, dataset, plan).join("\n")}\n`);

  await stages(values, settings, dataset, renderer, shard);
  log(`build: done in ${seconds(start)}`);
}

async function stages(
  values: {"runs-only"?: boolean; "no-site"?: boolean; yes?: boolean},
  settings: Settings,
  dataset: Dataset,
  renderer?: Renderer,
  shard?: ShardChoice
): Promise<void> {
  let stage = performance.now();
  let requests = Object.values(experiments).flatMap((experiment) => experiment.runs(settings));
  if (shard) {
    const share = shardRequests(settings, dataset, shard);
    log(share.line);
    requests = share.requests;
  }
  const runs = await ensureRuns(dataset, requests, settings.workers, {confirmed: values.yes});
  log(
    `runs: ${runs.distinct} distinct; trained ${runs.trained} (${runs.epochs} epochs), ${runs.distinct - runs.trained} from the store (${seconds(stage)})`
  );

  if (values["runs-only"]) return log("build: runs only (--runs-only)");

  const out = siteOutput();
  await withLock(
    "site",
    async () => {
      stage = performance.now();
      // The files the pages name, read by Framework (in the renderer's process, or one started for it).
      let reader: Renderer | undefined;
      const pages = await pageFiles(() => {
        reader = renderer ?? startRenderer();
        return reader;
      });
      if (reader !== renderer) reader?.cancel();
      for (const problem of pages.problems) log(`pages: warning: ${problem}`);
      const started = new Set<string>();
      const results = await refreshOutputs(dataset, settings, pages, (output, reason) => {
        const group = groupOf(output.name);
        if (started.has(group)) return;
        log(`data: computing ${group} (${reason})`);
        started.add(group);
      });
      for (const line of describeOutputs(results)) log(line);
      const made = results.filter((result) => !result.reused).length;
      log(`data: ${results.length} files, ${made} recomputed, ${results.length - made} reused (${seconds(stage)})`);

      if (values["no-site"]) return;
      stage = performance.now();
      const rendered = await buildSite(
        out,
        renderer,
        () => log(`site: rendering the pages with Observable Framework...`),
        siteLabel()
      );
      log(
        rendered
          ? `site: rendered into ${relative(projectRoot, out) || out} (${seconds(stage)})`
          : `site: nothing changed, ${out} kept (${seconds(stage)})`
      );
    },
    (pid) => log(`build: waiting for another build (pid ${pid}) to finish its page stage`)
  );
}

/** Runs the build; errors are reported on stderr with a non-zero exit code. */
export async function runBuild(argv: string[], renderer?: Renderer): Promise<void> {
  try {
    await main(argv, renderer);
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exitCode = error instanceof CommandLineError ? 2 : 1; // a bad option: 2, as other commands
  } finally {
    renderer?.cancel(); // not needed after all (the site was current, or the build failed)
  }
}
