// Which shard this machine trains (npm run train -- --shard I/N): from the option, or from the
// variables a scheduler sets for each task of an array job: Slurm's job array
// (SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP,
// out of SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based,
// whose count the Job does not pass: --shards N gives it). A bad value is a CommandLineError naming
// the option or variable.
import {CommandLineError} from "./errors.js";

/** A shard of `count`: `index` is 0-based; `source` says where it came from, for the log ("--shard 2/3"). */
export interface ShardChoice {
  index: number;
  count: number;
  source: string;
}

/** The shard options as parsed from the command line (their text, unchecked). */
export interface ShardOptions {
  shard?: string;
  shards?: string;
}

const SLURM = {
  id: "SLURM_ARRAY_TASK_ID",
  count: "SLURM_ARRAY_TASK_COUNT",
  min: "SLURM_ARRAY_TASK_MIN",
  step: "SLURM_ARRAY_TASK_STEP"
} as const;
const KUBERNETES = "JOB_COMPLETION_INDEX";

/** `text` as a whole number at least `least`, or a CommandLineError naming it by `name` ("--shards 0", "SLURM_ARRAY_TASK_ID=x"). */
export function whole(text: string, name: string, least: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < least)
    throw new CommandLineError(`${name}: must be ${least === 0 ? "a whole number" : "a positive integer"}`);
  return value;
}

/** A variable's value, or undefined when it is unset or empty. */
const variable = (env: NodeJS.ProcessEnv, name: string) => (env[name] === "" ? undefined : env[name]);

/** `--shard I/N` read: I 1-based, as vitest's and playwright's --shard. */
function fromOption(text: string): ShardChoice {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [Number.NaN, Number.NaN];
  if (!match || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count))
    throw new CommandLineError(`--shard ${text}: must be I/N with 1 <= I <= N, e.g. --shard 2/3`);
  return {index: index - 1, count, source: `--shard ${index}/${count}`};
}

/** The count from a scheduler's variable (`countVariable`, if it sets one) or from --shards, which must agree. */
function countOf(env: NodeJS.ProcessEnv, indexName: string, shards: number | undefined, countVariable?: string) {
  const text = countVariable ? variable(env, countVariable) : undefined;
  const count = text === undefined ? undefined : whole(text, `${countVariable}=${text}`, 1);
  if (count !== undefined && shards !== undefined && count !== shards)
    throw new CommandLineError(`--shards ${shards} disagrees with ${countVariable}=${count}`);
  const found = count ?? shards;
  if (found === undefined) {
    const set = `${indexName}=${env[indexName]}`;
    throw new CommandLineError(
      `${set} is set${countVariable ? ` but not ${countVariable}` : ""}: give the number of shards with --shards N`
    );
  }
  return found;
}

/**
 * The shard to train: from `--shard I/N`, else from Slurm's or Kubernetes' variables in `env`
 * (Slurm's first), else undefined (train every run). `--shards N` gives the count where the
 * scheduler does not (Kubernetes), and must agree with the one it does. Throws a CommandLineError
 * (one line, naming the option or variable) for a malformed or out-of-range value, a count
 * missing, or --shards with no index to go with it.
 */
export function chooseShard(options: ShardOptions, env: NodeJS.ProcessEnv): ShardChoice | undefined {
  const shards = options.shards === undefined ? undefined : whole(options.shards, `--shards ${options.shards}`, 1);
  if (options.shard !== undefined) {
    const choice = fromOption(options.shard);
    if (shards !== undefined && shards !== choice.count)
      throw new CommandLineError(`--shards ${shards} disagrees with --shard ${options.shard}`);
    return choice;
  }
  const id = variable(env, SLURM.id);
  if (id !== undefined) {
    const task = whole(id, `${SLURM.id}=${id}`, 0);
    const minText = variable(env, SLURM.min);
    const stepText = variable(env, SLURM.step);
    const min = minText === undefined ? 0 : whole(minText, `${SLURM.min}=${minText}`, 0);
    const step = stepText === undefined ? 1 : whole(stepText, `${SLURM.step}=${stepText}`, 1);
    const count = countOf(env, SLURM.id, shards, SLURM.count);
    const index = (task - min) / step;
    const source = `${SLURM.id}=${id}${min ? `, ${SLURM.min}=${min}` : ""}${step > 1 ? `, ${SLURM.step}=${step}` : ""}`;
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new CommandLineError(
        `${source}: not one of the ${count} tasks of the array (shard index ${index}, from 0)`
      );
    return {index, count, source};
  }
  const completion = variable(env, KUBERNETES);
  if (completion !== undefined) {
    const index = whole(completion, `${KUBERNETES}=${completion}`, 0);
    const count = countOf(env, KUBERNETES, shards);
    if (index >= count) throw new CommandLineError(`${KUBERNETES}=${index}: must be below the --shards ${count} given`);
    return {index, count, source: `${KUBERNETES}=${index}, --shards ${count}`};
  }
  if (shards !== undefined)
    throw new CommandLineError(
      `--shards ${shards}: no shard index to go with it (${KUBERNETES} or ${SLURM.id} unset); give --shard I/N instead`
    );
  return undefined;
}
