// npm run verify [-- --sample N] [--seed S] [--experiment ID]
// Trains the report's stored runs again from scratch, in a temporary store, and checks that
// each is the store's entry bit for bit (but for its timings): a reader's way to see that the
// store holds what the code trains, not what it once trained. The store is only read.
import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {loadDataset} from "./dataset.js";
import {parseCommandLine, runCommand, SettingsError, UsageError} from "./errors.js";
import {experiments} from "./experiments/index.js";
import {reportRuns} from "./report-runs.js";
import {storeDir} from "./run-entry.js";
import {checkSettings, readSettings} from "./settings.js";
import {experimentId, selectRuns, type Verdict, verdictLine, verifyRuns} from "./verify-runs.js";

const USAGE = "usage: npm run verify -- [--sample N] [--seed S] [--experiment ID]";

const HELP = `${USAGE}

Trains the report's stored runs (under the build's settings: SEEDS, TRAIN_LIMIT, KERNEL,
MNIST_DIR) again from scratch in a temporary folder and compares each with the run store's
entry (RUN_STORE, or .cache/runs), which it only reads: weights, test answers, back queries,
snapshots and every epoch's metrics but the timings (seconds, samplesPerSecond).

  --sample N        verify N of the runs, picked by --seed (default: all of them)
  --seed S          which N (default 1): the same seed picks the same runs
  --experiment ID   only the runs one experiment reads (${Object.keys(experiments).join(", ")})
  -h, --help        show this help

Exit status: 0 when every run is identical, 1 when one differs or is not soundly stored, 2 for
a bad option.`;

/** A whole number from `min` up, or a UsageError naming the option. */
function integer(option: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > 2 ** 31 - 1)
    throw new UsageError(`--${option} ${text}: must be a whole number from ${min} to 2147483647`);
  return value;
}

/** A temporary folder removed when verify ends: done, failed, or stopped with Ctrl-C. */
function scratchFolder(): {dir: string; remove: () => void} {
  const dir = mkdtempSync(join(tmpdir(), "mynn-verify-"));
  const remove = () => rmSync(dir, {recursive: true, force: true});
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143]
  ] as const) {
    process.once(signal, () => {
      remove();
      process.exit(code); // ends the pool's worker threads with the process
    });
  }
  return {dir, remove};
}

/** The command line's options, for node:util's parseArgs (which refuses anything else, positionals too). */
const OPTIONS = {
  sample: {type: "string"},
  seed: {type: "string"},
  experiment: {type: "string"},
  help: {type: "boolean", short: "h"}
} as const;

async function main(argv: string[]): Promise<number> {
  const start = performance.now();
  const {values} = parseCommandLine(
    {args: argv, options: OPTIONS},
    (message) => message.replace(/\s*\n\s*/g, " ") // Node's own messages run over lines
  );
  if (values.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const sample = integer("sample", values.sample, 1);
  const seed = integer("seed", values.seed, 0);
  if (seed !== undefined && sample === undefined) throw new UsageError("--seed picks a --sample: give --sample N too");
  const experiment =
    values.experiment === undefined ? undefined : experimentId(values.experiment, Object.keys(experiments));
  const settings = readSettings();
  const dataset = loadDataset();
  checkSettings(settings, dataset);
  const all = reportRuns(settings, dataset.checksum);
  const runs = selectRuns(all, {experiment, sample, seed});

  const store = storeDir();
  const found = statSync(store, {throwIfNoEntry: false});
  if (!found?.isDirectory())
    throw new SettingsError(
      `the run store ${store} ${found ? "is not a folder" : "does not exist"}; npm run build first`
    );
  const scratch = scratchFolder();
  process.stderr.write(
    `verify: ${runs.length} of the report's ${all.length} runs: trained again from scratch in ${scratch.dir}, compared with ${store}\n`
  );
  let verdicts: Verdict[];
  try {
    verdicts = await verifyRuns(dataset, runs, {
      store,
      scratch: scratch.dir,
      workers: settings.workers,
      onVerdict: (verdict) => void process.stdout.write(verdictLine(verdict) + "\n")
    });
  } finally {
    scratch.remove();
  }
  const identical = verdicts.filter((verdict) => verdict.outcome === "identical").length;
  const others = (["differs", "damaged", "incomplete", "missing"] as const)
    .map((outcome) => [outcome, verdicts.filter((verdict) => verdict.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  process.stdout.write(
    `verify: ${identical} of ${runs.length} runs identical${others.length ? `; ${others.join(", ")}` : ""} (${seconds} s)\n`
  );
  return identical === runs.length ? 0 : 1;
}

await runCommand(
  () => main(process.argv.slice(2)),
  (usageError) => (usageError ? ` (${USAGE})` : "")
);
