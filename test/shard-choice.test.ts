// Which shard a machine trains: --shard I/N (1-based), a Slurm job array's task (whatever its
// first index and step), or a Kubernetes Indexed Job's completion index with --shards N; every
// bad value is one UsageError naming the option or variable.
import {describe, expect, it} from "vitest";
import {UsageError} from "../data-loaders/errors.js";
import {chooseShard} from "../data-loaders/shard-choice.js";

describe("choosing the shard to train", () => {
  it("--shard I/N counts from 1, as vitest and playwright do", () => {
    expect(chooseShard({shard: "1/3"}, {})).toEqual({index: 0, count: 3, source: "--shard 1/3"});
    expect(chooseShard({shard: "3/3"}, {})).toMatchObject({index: 2, count: 3});
    expect(chooseShard({shard: "2/3", shards: "3"}, {})).toMatchObject({index: 1, count: 3});
  });

  it("--shard wins over a scheduler's variables", () => {
    const env = {SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2", JOB_COMPLETION_INDEX: "0"};
    expect(chooseShard({shard: "2/3"}, env)).toMatchObject({index: 1, count: 3});
  });

  it("no option and no variable: no shard (every run)", () => {
    expect(chooseShard({}, {})).toBeUndefined();
    expect(chooseShard({}, {SLURM_ARRAY_TASK_ID: "", JOB_COMPLETION_INDEX: ""})).toBeUndefined();
  });

  it("a Slurm array's tasks are the shards in order, whether it counts from 0, from 1, or in steps", () => {
    const shardsOf = (ids: number[], extra: Record<string, string>) =>
      ids.map((id) => chooseShard({}, {SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: "3", ...extra})?.index);
    expect(shardsOf([0, 1, 2], {})).toEqual([0, 1, 2]); // --array=0-2
    expect(shardsOf([0, 1, 2], {SLURM_ARRAY_TASK_MIN: "0"})).toEqual([0, 1, 2]);
    expect(shardsOf([1, 2, 3], {SLURM_ARRAY_TASK_MIN: "1"})).toEqual([0, 1, 2]); // --array=1-3
    expect(shardsOf([4, 6, 8], {SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_STEP: "2"})).toEqual([0, 1, 2]);
    expect(chooseShard({}, {SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3"})).toEqual(
      {
        index: 1,
        count: 3,
        source: "SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_MIN=1"
      }
    );
  });

  it("a Kubernetes Indexed Job's completion index counts from 0, out of --shards N", () => {
    expect(chooseShard({shards: "3"}, {JOB_COMPLETION_INDEX: "0"})).toEqual({
      index: 0,
      count: 3,
      source: "JOB_COMPLETION_INDEX=0, --shards 3"
    });
    expect(chooseShard({shards: "3"}, {JOB_COMPLETION_INDEX: "2"})).toMatchObject({index: 2});
  });

  const refused: [string, Parameters<typeof chooseShard>[0], NodeJS.ProcessEnv, string][] = [
    ["shard 0", {shard: "0/3"}, {}, "--shard 0/3: must be I/N with 1 <= I <= N"],
    ["a shard past the count", {shard: "4/3"}, {}, "--shard 4/3: must be I/N"],
    ["no numbers", {shard: "x/y"}, {}, "--shard x/y: must be I/N"],
    ["no count", {shard: "2"}, {}, "--shard 2: must be I/N"],
    ["a count of 0", {shard: "1/0"}, {}, "--shard 1/0: must be I/N"],
    ["--shards 0", {shards: "0"}, {JOB_COMPLETION_INDEX: "0"}, "--shards 0: must be a positive integer"],
    ["--shards disagreeing with --shard", {shard: "1/3", shards: "2"}, {}, "--shards 2 disagrees with --shard 1/3"],
    [
      "--shards without an index",
      {shards: "3"},
      {},
      "--shards 3: no shard index to go with it (JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID unset)"
    ],
    [
      "a completion index without a count",
      {},
      {JOB_COMPLETION_INDEX: "1"},
      "JOB_COMPLETION_INDEX=1 is set: give the number of shards with --shards N"
    ],
    [
      "a completion index past the count",
      {shards: "3"},
      {JOB_COMPLETION_INDEX: "3"},
      "JOB_COMPLETION_INDEX=3: must be below"
    ],
    [
      "a completion index that is no number",
      {shards: "3"},
      {JOB_COMPLETION_INDEX: "one"},
      "JOB_COMPLETION_INDEX=one: must be a whole number"
    ],
    [
      "a Slurm task without a count",
      {},
      {SLURM_ARRAY_TASK_ID: "1"},
      "SLURM_ARRAY_TASK_ID=1 is set but not SLURM_ARRAY_TASK_COUNT: give the number of shards with --shards N"
    ],
    [
      "a Slurm task that is no number",
      {},
      {SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "3"},
      "SLURM_ARRAY_TASK_ID=x: must be a whole number"
    ],
    [
      "a Slurm count of 0",
      {},
      {SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "0"},
      "SLURM_ARRAY_TASK_COUNT=0: must be a positive integer"
    ],
    [
      "a Slurm task past the count",
      {},
      {SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "3"},
      "SLURM_ARRAY_TASK_ID=3: not one of the 3 tasks of the array"
    ],
    [
      "a Slurm task below the array's first",
      {},
      {SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3"},
      "SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_MIN=1: not one of the 3 tasks"
    ],
    [
      "--shards disagreeing with Slurm's count",
      {shards: "2"},
      {SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "3"},
      "--shards 2 disagrees with SLURM_ARRAY_TASK_COUNT=3"
    ]
  ];
  for (const [what, options, env, message] of refused) {
    it(`refuses ${what} in one line naming the option or variable`, () => {
      let error: unknown;
      try {
        chooseShard(options, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain("\n");
    });
  }
});
