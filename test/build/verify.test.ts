// npm run verify on a small store made here (TRAIN_LIMIT=300, SEEDS=1, 1,000 training images):
// it passes on a freshly trained store without writing to it, finds a hand-changed .bin that
// still reads as sound, and names damaged and missing entries.
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadDataset} from "../../data-loaders/dataset.js";
import {experiments} from "../../data-loaders/experiments/index.js";
import {type ReportRun, reportRuns} from "../../data-loaders/report-runs.js";
import {decodeBin, encodeBin} from "../../data-loaders/run-bin.js";
import {readEntry} from "../../data-loaders/run-entry.js";
import {describeRun} from "../../data-loaders/run-key.js";
import {freshRun} from "../../data-loaders/run-training.js";
import {readSettings} from "../../data-loaders/settings.js";
import {sampleRuns, verdictLine} from "../../data-loaders/verify-runs.js";
import {smallMnistDir, tempDir} from "../fixtures.js";

const hash = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

let env: Record<string, string>;
let store: string;
let runs: ReportRun[];
let dataset: ReturnType<typeof loadDataset>;
/** The folders this file makes, removed at its end. */
const made: string[] = [];
const folder = (prefix?: string) => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};

/** Runs verify with `args`; its temporary folders go to a fresh TMPDIR, returned to check they were removed. */
function verify(args: string[], more: Record<string, string> = {}) {
  const tmp = folder("mynn-verify-test-");
  const result = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/verify.ts", ...args], {
    env: {...process.env, ...env, TMPDIR: tmp, ...more},
    encoding: "utf8"
  });
  return {...result, tmp, lines: result.stdout.trim().split("\n")};
}

/** The runs verify's lines name, with their verdicts: "identical" by key. */
const verdicts = (lines: string[]) =>
  Object.fromEntries(
    lines.flatMap((line) => {
      const match = /^(\w+): run ([0-9a-f]{32}) /.exec(line);
      return match ? [[match[2], match[1]]] : [];
    })
  );

/** Every file of a folder with its bytes' hash and modification time: what "not written" means. */
const snapshot = (dir: string) =>
  readdirSync(dir).map((name) => `${name} ${hash(readFileSync(join(dir, name)))} ${statSync(join(dir, name)).mtimeMs}`);

beforeAll(() => {
  const mnist = smallMnistDir(1000, 100);
  made.push(mnist);
  store = folder();
  env = {MNIST_DIR: mnist, TRAIN_LIMIT: "300", SEEDS: "1", RUN_STORE: store, WORKERS: "2"};
  const train = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/build.ts", "--runs-only"], {
    env: {...process.env, ...env},
    encoding: "utf8"
  }); // npm run train
  expect(train.status, train.stderr).toBe(0);
  dataset = loadDataset(mnist, false);
  runs = reportRuns(readSettings({...process.env, ...env}), dataset.checksum);
}, 300_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, {recursive: true, force: true});
});

describe("npm run verify", () => {
  it("--sample 3 passes on a freshly trained store, reading it only, and removes its temporary store", () => {
    const before = snapshot(store);
    const result = verify(["--sample", "3"]);
    expect(result.status, result.stderr).toBe(0);
    const picked = sampleRuns(runs, 3, 1); // seed 1 is the default
    expect(result.lines).toEqual([
      ...picked.map((run) => verdictLine({run, outcome: "identical"})),
      expect.stringMatching(/^verify: 3 of 3 runs identical \(\d+\.\d s\)$/)
    ]);
    // It says what it trains, and where (the pool's progress lines, with time left, come every 3 s: this takes less).
    expect(result.stderr).toMatch(
      /^verify: 3 of the report's \d+ runs: trained again from scratch in \S+, compared with /m
    );
    expect(snapshot(store)).toEqual(before);
    expect(readdirSync(result.tmp).filter((name) => name.startsWith("mynn-verify-"))).toEqual([]); // (tsx keeps its cache there)
  });

  it("fails naming a changed .bin that reads as sound, a damaged .json and a missing entry, and verifies the rest", () => {
    const copy = folder();
    cpSync(store, copy, {recursive: true});
    const [changed, damaged, missing, intact] = sampleRuns(runs, 4, 5);
    const expected = (run: ReportRun) => ({config: run.request.config, datasetChecksum: dataset.checksum});

    // One byte of the last epoch's wih[1234] (its lowest), with the entry's checksums made to match.
    const found = readEntry(copy, changed.key, false, expected(changed));
    if (!found || found instanceof Error) throw new Error(`no sound entry for ${changed.key}`);
    const run = decodeBin(found.bin!, freshRun(changed.key, changed.request.config, dataset, false), found.entry);
    const original = run.net.wih[1234];
    new Uint8Array(run.net.wih.buffer, run.net.wih.byteOffset)[8 * 1234] ^= 1;
    const {bin} = encodeBin(run, found.entry.testSamples);
    expect([...bin].filter((byte, i) => byte !== found.bin![i])).toHaveLength(1);
    const {sha256: _, ...fields} = {...found.entry, bin: {bytes: bin.length, sha256: hash(bin)}};
    writeFileSync(join(copy, `${changed.key}.bin`), bin);
    writeFileSync(join(copy, `${changed.key}.json`), JSON.stringify({...fields, sha256: hash(JSON.stringify(fields))}));
    const resealed = readEntry(copy, changed.key, false, expected(changed));
    expect(resealed).not.toBeInstanceOf(Error); // the store reads as sound: only training again finds it

    // A metric edited without its checksum; an entry deleted.
    const json = join(copy, `${damaged.key}.json`);
    const entry = JSON.parse(readFileSync(json, "utf8"));
    entry.epochs[0].testScore += 0.01;
    writeFileSync(json, JSON.stringify(entry, null, 1));
    for (const ext of [".json", ".bin"]) rmSync(join(copy, missing.key + ext));

    const result = verify(["--sample", "4", "--seed", "5"], {RUN_STORE: copy});
    expect(result.status, result.stderr).toBe(1);
    expect(verdicts(result.lines)).toEqual({
      [changed.key]: "differs",
      [damaged.key]: "damaged",
      [missing.key]: "missing",
      [intact.key]: "identical"
    });
    const line = (run: ReportRun) => result.lines.find((l) => l.includes(run.key))!;
    expect(line(changed)).toContain(describeRun(changed.request.config));
    expect(line(changed)).toContain(changed.experiments.join(", "));
    expect(line(changed)).toContain(
      `: weights after epoch ${found.entry.epochs.length}, wih[1234]: stored ${run.net.wih[1234]}, retrained ${original}`
    );
    expect(line(damaged)).toContain(describeRun(damaged.request.config));
    expect(line(damaged)).toMatch(/checksum/);
    expect(line(missing)).toMatch(/npm run build first$/);
    expect(result.lines.at(-1)).toMatch(/^verify: 1 of 4 runs identical; 1 differs, 1 damaged, 1 missing \(/);
  });

  it("--experiment verifies the runs that experiment reads, and --sample picks among them", () => {
    // The experiment reading the fewest runs, but more than one.
    const count = (id: string) => runs.filter((run) => run.experiments.includes(id)).length;
    const id = Object.keys(experiments)
      .filter((e) => count(e) > 1)
      .sort((a, b) => count(a) - count(b))[0];
    const own = runs.filter((run) => run.experiments.includes(id));
    const result = verify(["--experiment", id]);
    expect(result.status, result.stderr).toBe(0);
    expect(Object.keys(verdicts(result.lines)).sort()).toEqual(own.map((run) => run.key).sort());
    expect(result.lines.at(-1)).toMatch(new RegExp(`^verify: ${own.length} of ${own.length} runs identical`));

    const sampled = verify(["--experiment", id, "--sample", "1", "--seed", "3"]);
    expect(sampled.status, sampled.stderr).toBe(0);
    expect(Object.keys(verdicts(sampled.lines))).toEqual(sampleRuns(own, 1, 3).map((run) => run.key));
  });

  it("rejects bad options with one line and exit status 2, before any work", () => {
    const ids = Object.keys(experiments);
    for (const args of [
      ["--sample", "0"],
      ["--sample", "x"],
      ["--sample"],
      ["--sample", "2", "--seed", "-1"],
      ["--seed", "3"],
      ["--experiment", "exp99"],
      ["--bogus"],
      ["extra"]
    ]) {
      const result = verify(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: .*\(usage: npm run verify -- .*\)\n$/);
    }
    expect(verify(["--experiment", "exp99"]).stderr).toContain(ids.join(", "));
  });

  it("picks the same sample for a seed, and more runs of the same for a larger sample", () => {
    expect(sampleRuns(runs, 3, 7)).toEqual(sampleRuns(runs, 3, 7));
    expect(sampleRuns(runs, 4, 7)).toEqual(expect.arrayContaining(sampleRuns(runs, 3, 7)));
    const samples = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        sampleRuns(runs, 3, seed)
          .map((run) => run.key)
          .join()
      )
    );
    expect(samples.size).toBeGreaterThan(1); // the seed matters
    expect(sampleRuns(runs, runs.length + 5, 1)).toEqual(runs);
  });
});
