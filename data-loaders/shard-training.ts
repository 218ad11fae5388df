// npm run train's shards: the runs one shard trains (--shard I/N, or a scheduler's variables,
// shard-choice.ts), and the plan of every shard's share (--shards-plan N). Both split all of
// the report's runs, trained or not (shards.ts), so every machine computes the same split.
import type {Dataset} from "./dataset.js";
import {CommandLineError} from "./errors.js";
import {reportRuns, runCost} from "./report-runs.js";
import type {RunRequest} from "./run-key.js";
import {chooseShard, type ShardChoice, type ShardOptions, whole} from "./shard-choice.js";
import {partitionRuns, shardCosts} from "./shards.js";
import type {Settings} from "./settings.js";

/** The command line's shard options: --shard I/N, --shards N (the count for a scheduler's index), --shards-plan N. */
export interface ShardFlags extends ShardOptions {
  "shards-plan"?: string;
}

/** The options parseArgs reads for ShardFlags. */
export const SHARD_OPTIONS = {
  shard: {type: "string"},
  shards: {type: "string"},
  "shards-plan": {type: "string"}
} as const;

/**
 * The shard this process trains (undefined: all runs). The options are refused without
 * `runsOnly`, and a scheduler's variables are read only with it (a whole build needs every
 * run). Throws a CommandLineError naming the option or variable at fault (shard-choice.ts).
 */
export function shardOf(flags: ShardFlags, runsOnly: boolean, env: NodeJS.ProcessEnv): ShardChoice | undefined {
  const given = (["shard", "shards", "shards-plan"] as const).find((name) => flags[name] !== undefined);
  if (!runsOnly) {
    if (given) throw new CommandLineError(`--${given}: only with --runs-only (npm run train -- --${given} ...)`);
    return undefined;
  }
  if (flags["shards-plan"] !== undefined) return undefined;
  return chooseShard(flags, env);
}

/** The report's runs under `settings` with their costs (samples x hidden nodes), split into `count` shards. */
function split(settings: Settings, dataset: Dataset, count: number) {
  const runs = reportRuns(settings, dataset.checksum).map((run) => ({...run, cost: runCost(run.request, dataset)}));
  const shards = partitionRuns(runs, count);
  return {runs, shards, costs: shardCosts(shards), total: runs.reduce((sum, run) => sum + run.cost, 0)};
}

const percent = (part: number, total: number) => `${total ? ((100 * part) / total).toFixed(1) : "0.0"}%`;

/**
 * The requests of shard `choice` of the report's runs, and the line saying so:
 * "train: shard 2/3 (SLURM_ARRAY_TASK_ID=1): 38 of 115 runs, 33.4% of the training cost".
 */
export function shardRequests(
  settings: Settings,
  dataset: Dataset,
  choice: ShardChoice
): {requests: RunRequest[]; line: string} {
  const {runs, shards, costs, total} = split(settings, dataset, choice.count);
  const mine = shards[choice.index];
  return {
    requests: mine.map((run) => run.request),
    line:
      `train: shard ${choice.index + 1}/${choice.count} (${choice.source}): ${mine.length} of ${runs.length} runs, ` +
      `${percent(costs[choice.index], total)} of the training cost`
  };
}

/**
 * The plan for `countText` shards (--shards-plan N), one line per shard and one for the
 * spread: "shard 1/3: 38 runs, 2,661,000,000 samples x hidden nodes (33.3%)", then the
 * largest share over the smallest. Throws a CommandLineError when N is not a positive integer.
 */
export function shardPlan(settings: Settings, dataset: Dataset, countText: string): string[] {
  const count = whole(countText, `--shards-plan ${countText}`, 1);
  const {runs, shards, costs, total} = split(settings, dataset, count);
  const lines = shards.map(
    (shard, s) =>
      `shard ${s + 1}/${count}: ${shard.length} runs, ${costs[s].toLocaleString("en")} samples x hidden nodes (${percent(costs[s], total)})`
  );
  const [most, least] = [Math.max(...costs), Math.min(...costs)];
  lines.push(
    `${runs.length} runs, ${total.toLocaleString("en")} samples x hidden nodes; largest share / smallest: ` +
      (least > 0 ? (most / least).toFixed(4) : "no smallest (a shard has no runs)")
  );
  return lines;
}
