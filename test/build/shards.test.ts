// Training across machines, simulated: three processes each train one shard of the report's
// runs (npm run train -- --shard i/3) into a store of their own, the stores are merged into a
// fourth (npm run store -- merge), and the data built from it is the data of a one-machine
// build of the same settings. The training times in the tables (`seconds`, `samplesPerSecond`)
// measure the machine, not the run, so those columns alone are left out of the comparison.
import {spawnSync} from "node:child_process";
import {readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {type Table, tableFromIPC, tableToIPC} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import {buildIn, firstDifference, projectCopy, smallMnistDir, tempDir} from "../fixtures.js";

const SHARDS = 3;
/** Columns that time the training: the same run trained twice gives other values. */
const TIMING = new Set(["seconds", "samplesPerSecond"]);

let dir: string;
let env: Record<string, string>;

/** The data files the build made (Framework's cache of loader outputs), by name. */
function dataFiles(): Map<string, Buffer> {
  const data = join(dir, "src", ".observablehq", "cache", "data");
  return new Map(
    readdirSync(data)
      .filter((name) => !name.includes(".tmp-"))
      .sort()
      .map((name) => [name, readFileSync(join(data, name))])
  );
}

/** A data build (--no-site) from scratch (no records, no cached outputs) on the run store `store`. */
function dataFrom(store: string): {files: Map<string, Buffer>; stderr: string} {
  rmSync(join(dir, ".cache"), {recursive: true, force: true});
  rmSync(join(dir, "src", ".observablehq"), {recursive: true, force: true});
  const result = buildIn(dir, {...env, RUN_STORE: store}, ["--no-site"]);
  expect(result.status, result.stderr).toBe(0);
  return {files: dataFiles(), stderr: result.stderr};
}

/** The run keys a store holds (its entries' names). */
const keysIn = (store: string) =>
  readdirSync(store)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();

const columns = (table: Table) => table.schema.fields.map((field) => `${field.name}: ${field.type}`);

let shardStores: string[];
let shardLines: string[];
let mergeStderr: string;
let merged: {files: Map<string, Buffer>; stderr: string};
let oneMachineStore: string;
let oneMachine: {files: Map<string, Buffer>; stderr: string};

describe(`the report trained as ${SHARDS} shards and merged`, () => {
  beforeAll(() => {
    dir = projectCopy();
    env = {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(2000, 500)};
    shardStores = Array.from({length: SHARDS}, () => tempDir());
    shardLines = shardStores.map((store, i) => {
      const shard = `${i + 1}/${SHARDS}`;
      const result = buildIn(dir, {...env, RUN_STORE: store}, ["--runs-only", "--shard", shard]);
      expect(result.status, result.stderr).toBe(0);
      return result.stderr.split("\n").find((line) => line.startsWith(`train: shard ${shard} `)) ?? "";
    });
    const mergedStore = tempDir();
    const merge = spawnSync(
      process.execPath,
      ["--import", "tsx/esm", "data-loaders/store-cli.ts", "merge", ...shardStores],
      {cwd: dir, env: {...process.env, RUN_STORE: mergedStore}, encoding: "utf8"}
    );
    expect(merge.status, merge.stderr).toBe(0);
    mergeStderr = merge.stderr;
    merged = dataFrom(mergedStore);
    oneMachineStore = tempDir();
    oneMachine = dataFrom(oneMachineStore);
  }, 600_000);

  it("each shard says which it is, and the shards' runs are the one machine's runs, each once", () => {
    const shares = shardLines.map((line, i) => {
      const match =
        /^train: shard \d+\/\d+ \(--shard [\d/]+\): (\d+) of (\d+) runs, [\d.]+% of the training cost$/.exec(line);
      expect(match, `shard ${i + 1}: "${line}"`).not.toBeNull();
      return {runs: Number(match![1]), total: Number(match![2])};
    });
    const shardKeys = shardStores.map(keysIn);
    for (const [i, keys] of shardKeys.entries()) expect(keys, `shard ${i + 1}`).toHaveLength(shares[i].runs);
    const all = shardKeys.flat();
    expect(new Set(all).size, "a run trained by two shards").toBe(all.length);
    expect(all.sort()).toEqual(keysIn(oneMachineStore));
    expect(all.length).toBe(shares[0].total);
    expect(shardKeys.every((keys) => keys.length > 0)).toBe(true);
  });

  it("the merge copies every shard's runs; the build from the merged store trains none", () => {
    const total = keysIn(oneMachineStore).length;
    expect(mergeStderr.trim()).toBe(`store: merged ${total} runs from ${SHARDS} stores, 0 already here, 0 refused`);
    expect(merged.stderr).toMatch(new RegExp(`^runs: ${total} distinct; trained 0 `, "m"));
    expect(oneMachine.stderr).toMatch(new RegExp(`^runs: ${total} distinct; trained ${total} `, "m"));
  });

  it("makes the same data files as one machine: byte for byte, or every column but the training times", () => {
    expect([...merged.files.keys()]).toEqual([...oneMachine.files.keys()]);
    const timed: string[] = [];
    for (const [name, bytes] of merged.files) {
      const other = oneMachine.files.get(name)!;
      const timing = name.endsWith(".arrow")
        ? columns(tableFromIPC(bytes)).filter((c) => TIMING.has(c.split(":")[0]))
        : [];
      if (timing.length === 0) {
        expect(firstDifference(bytes, other), name).toBe(-1);
        continue;
      }
      timed.push(name);
      const [mine, theirs] = [tableFromIPC(bytes), tableFromIPC(other)];
      expect(columns(mine), name).toEqual(columns(theirs));
      expect(mine.numRows, name).toBe(theirs.numRows);
      const kept = mine.schema.fields.map((field) => field.name).filter((column) => !TIMING.has(column));
      expect(kept.length, name).toBeGreaterThan(0);
      const untimed = (table: Table) => tableToIPC(table.select(kept), "file");
      expect(firstDifference(untimed(mine), untimed(theirs)), name).toBe(-1);
    }
    // What the test meant: tables of both kinds were compared.
    expect(timed.length).toBeGreaterThan(0);
    expect(merged.files.size).toBeGreaterThan(timed.length);
  });
});

describe("npm run train's shard options", () => {
  it("--shards-plan N prints every shard's share and trains nothing", () => {
    const project = projectCopy();
    const store = tempDir();
    const mnist = smallMnistDir(300, 100);
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx/esm", "data-loaders/build.ts", "--runs-only", "--shards-plan", String(SHARDS)],
      {
        cwd: project,
        env: {...process.env, SEEDS: "1", MNIST_DIR: mnist, RUN_STORE: store},
        encoding: "utf8"
      }
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    const shares = lines.slice(0, -1).map((line, i) => {
      const match = new RegExp(
        `^shard ${i + 1}/${SHARDS}: (\\d+) runs, ([\\d,]+) samples x hidden nodes \\([\\d.]+%\\)$`
      ).exec(line);
      expect(match, line).not.toBeNull();
      return {runs: Number(match![1]), cost: Number(match![2].replaceAll(",", ""))};
    });
    expect(shares).toHaveLength(SHARDS);
    const total = /^(\d+) runs, ([\d,]+) samples x hidden nodes; largest share \/ smallest: ([\d.]+)$/.exec(
      lines.at(-1)!
    );
    expect(total, lines.at(-1)).not.toBeNull();
    expect(shares.reduce((sum, share) => sum + share.runs, 0)).toBe(Number(total![1]));
    expect(shares.reduce((sum, share) => sum + share.cost, 0)).toBe(Number(total![2].replaceAll(",", "")));
    expect(readdirSync(store)).toEqual([]);
  });

  it("a bad shard is one line naming the option or variable, exit 2, before any training", () => {
    const project = projectCopy();
    for (const [args, variables, message] of [
      [["--shard", "2/3"], {}, "error: --shard: only with --runs-only"],
      [["--runs-only", "--shard", "0/3"], {}, "error: --shard 0/3: must be I/N with 1 <= I <= N"],
      [["--runs-only", "--shard", "x/y"], {}, "error: --shard x/y: must be I/N"],
      [
        ["--runs-only"],
        {JOB_COMPLETION_INDEX: "1"},
        "error: JOB_COMPLETION_INDEX=1 is set: give the number of shards with --shards N"
      ],
      [
        ["--runs-only"],
        {SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "3"},
        "error: SLURM_ARRAY_TASK_ID=x: must be a whole number"
      ]
    ] as const) {
      const store = tempDir();
      const result = buildIn(project, {...variables, RUN_STORE: store, TRAIN_LIMIT: "100"}, [...args]);
      expect(result.status, message).toBe(2);
      expect(result.stderr.startsWith(message), result.stderr).toBe(true);
      expect(result.stderr.trim().split("\n"), message).toHaveLength(1);
      expect(readdirSync(store)).toEqual([]);
    }
  });
});
