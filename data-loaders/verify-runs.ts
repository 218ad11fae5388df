// npm run verify's work (verify.ts is its command line): which of the report's runs to check,
// whether the store holds each soundly, training them again from scratch on the run pool into
// a scratch store, and each run's verdict against the stored entry (run-comparison.ts).
import {randomLcg, shuffler} from "d3";
import type {Dataset} from "./dataset.js";
import {BuildError, UsageError} from "./errors.js";
import type {ReportRun} from "./report-runs.js";
import {runDifference} from "./run-comparison.js";
import {coverage, readEntry} from "./run-entry.js";
import {describeRun, type RunRequest} from "./run-key.js";
import {ensureRuns} from "./run-pool.js";
import {freshRun} from "./run-training.js";

/**
 * `n` of `runs` picked by `seed` (d3's shuffler on randomLcg(seed)), in report order. The same
 * seed picks the same runs; a larger `n` picks those and more.
 */
export function sampleRuns(runs: ReportRun[], n: number, seed: number): ReportRun[] {
  const picked = new Set(shuffler(randomLcg(seed))([...runs]).slice(0, n));
  return runs.filter((run) => picked.has(run));
}

/**
 * The experiment `name` means: an id of the experiment list ("exp3", "book") or an experiment's
 * number ("3"). An unknown one is a UsageError listing the ids.
 */
export function experimentId(name: string, ids: string[]): string {
  const id = [name, `exp${name}`].find((candidate) => ids.includes(candidate));
  if (!id) throw new UsageError(`--experiment ${name}: unknown experiment; the ids are ${ids.join(", ")}`);
  return id;
}

/** The runs to verify: those experiment `experiment` reads (all without it), then `sample` of them picked by `seed`. */
export function selectRuns(
  runs: ReportRun[],
  {experiment, sample, seed = 1}: {experiment?: string; sample?: number; seed?: number}
): ReportRun[] {
  const chosen = experiment === undefined ? runs : runs.filter((run) => run.experiments.includes(experiment));
  return sample === undefined ? chosen : sampleRuns(chosen, sample, seed);
}

/** What verify found for a run: the same bit for bit (but the timings), different, or not soundly stored. */
export interface Verdict {
  run: ReportRun;
  outcome: "identical" | "differs" | "damaged" | "incomplete" | "missing";
  /** What differs or is wrong, in words. */
  detail?: string;
}

/** One line: "differs: run <key> (lr 0.1, 100 hidden, ...; read by exp3): epoch 3 testScore: stored ..., retrained ...". */
export function verdictLine({run, outcome, detail}: Verdict): string {
  return `${outcome}: run ${run.key} (${describeRun(run.request.config)}; read by ${run.experiments.join(", ")})${detail ? `: ${detail}` : ""}`;
}

/**
 * What to train again for a run the store holds soundly: the epochs and snapshots its entry
 * holds (all of them are compared, even past what the report reads), or the verdict when it
 * is missing, damaged or holds less than the report reads. Reads `store` only.
 */
function storedRequest(store: string, run: ReportRun, dataset: Dataset): RunRequest | Verdict {
  const {config} = run.request;
  const found = readEntry(store, run.key, false, {config, datasetChecksum: dataset.checksum});
  if (!found) return {run, outcome: "missing", detail: `not in ${store}; npm run build first`};
  if (found instanceof Error) return {run, outcome: "damaged", detail: `its entry in ${store}: ${found.message}`};
  const {epochs, snapshots} = found.entry;
  if (coverage({epochs: epochs.length, snapshots}, run.request) !== "covers") {
    const wanted = run.request.snapshots?.length ? ` and weights after epochs ${run.request.snapshots.join(", ")}` : "";
    const held = snapshots.length ? ` and weights after epochs ${snapshots.join(", ")}` : "";
    return {
      run,
      outcome: "incomplete",
      detail: `the report reads ${run.request.epochs} epochs${wanted}, ${store} holds ${epochs.length}${held}; npm run build first`
    };
  }
  return {config, epochs: epochs.length, ...(snapshots.length ? {snapshots} : {})};
}

export interface VerifyOptions {
  /** The store verified; only read. */
  store: string;
  /** An empty folder to train into (the caller makes and removes it). */
  scratch: string;
  workers: number;
  /** Called with each verdict as it is known: the store's faults before training, the comparisons after. */
  onVerdict: (verdict: Verdict) => void;
  /** The pool's lines (progress, time left). */
  log?: (line: string) => void;
}

/**
 * Trains `runs` again from scratch into `scratch` on the run pool and compares each with its
 * entry in `store`, which is only read: a run the store lacks or holds damaged is a verdict,
 * not trained. Returns every run's verdict, in `runs` order.
 */
export async function verifyRuns(dataset: Dataset, runs: ReportRun[], options: VerifyOptions): Promise<Verdict[]> {
  const {store, scratch, workers, onVerdict, log} = options;
  const verdicts = new Map<ReportRun, Verdict>();
  const judge = (verdict: Verdict) => {
    verdicts.set(verdict.run, verdict);
    onVerdict(verdict);
  };
  const sound: {run: ReportRun; request: RunRequest}[] = [];
  for (const run of runs) {
    const request = storedRequest(store, run, dataset);
    if ("outcome" in request) judge(request);
    else sound.push({run, request});
  }
  // Confirmed: the pool's limit guards against settings that would train thousands of runs; here
  // it can only train again what the store already holds, which was trained (and confirmed) once.
  await ensureRuns(
    dataset,
    sound.map(({request}) => request),
    workers,
    {store: scratch, confirmed: true, ...(log ? {log} : {})}
  );
  for (const {run} of sound) {
    const expected = {config: run.request.config, datasetChecksum: dataset.checksum};
    const retrained = readEntry(scratch, run.key, false, expected);
    if (!retrained || retrained instanceof Error)
      throw new BuildError(`run ${run.key} trained again is not in ${scratch} (${retrained?.message ?? "no entry"})`);
    const stored = readEntry(store, run.key, false, expected); // read again: the check above kept no .bin in memory
    if (!stored || stored instanceof Error) {
      judge({
        run,
        outcome: "damaged",
        detail: `its entry in ${store} changed while verifying (${stored?.message ?? "gone"})`
      });
      continue;
    }
    const difference = runDifference(stored, retrained, (config) => freshRun(run.key, config, dataset, false));
    judge(difference ? {run, outcome: "differs", detail: difference} : {run, outcome: "identical"});
  }
  return runs.map((run) => verdicts.get(run)!);
}
