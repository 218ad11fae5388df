// The build's run pool: trains each distinct run once, only what the store lacks, and
// recovers from a build killed mid-training or run twice at once.
import {spawn, spawnSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {experiments} from "../../data-loaders/experiments/index.js";
import {distinctRuns, ensureRuns, type RunRequest} from "../../data-loaders/run-pool.js";
import {readSettings} from "../../data-loaders/settings.js";
import {type RunConfig, runKey} from "../../data-loaders/run-key.js";
import {real, tempDir} from "../fixtures.js";

const config = (lr: number, seed: number): RunConfig => ({
  hidden: 100,
  init: "Normal",
  lr,
  seed,
  trainLimit: 500,
  kernel: "wasm-f32"
});
const requests = (rates: number[], epochs = 1): RunRequest[] =>
  rates.flatMap((lr) => [1, 2].map((seed) => ({config: config(lr, seed), epochs})));
const quiet = () => {};

describe("run pool", () => {
  const dataset = real();

  it("trains each distinct run once; adding a learning rate trains only its runs", async () => {
    const store = tempDir();
    const shared = [...requests([0.1, 0.2]), ...requests([0.1])]; // two experiments sharing lr 0.1
    expect(await ensureRuns(dataset, shared, 2, {store, log: quiet})).toMatchObject({
      distinct: 4,
      trained: 4,
      epochs: 4
    });
    expect(await ensureRuns(dataset, shared, 2, {store, log: quiet})).toMatchObject({distinct: 4, trained: 0});
    expect(await ensureRuns(dataset, [...shared, ...requests([0.3])], 2, {store, log: quiet})).toMatchObject({
      distinct: 6,
      trained: 2,
      epochs: 2
    });
    // asking for more epochs extends the stored runs by just those epochs
    expect(await ensureRuns(dataset, requests([0.1], 3), 2, {store, log: quiet})).toMatchObject({
      distinct: 2,
      trained: 2,
      epochs: 4
    });
  });

  it("a damaged .bin is found by the pool and retrained there, once, with its full epochs", async () => {
    const store = tempDir();
    const two = requests([0.1], 2);
    await ensureRuns(dataset, two, 2, {store, log: quiet});
    const bin = join(store, readdirSync(store).find((f) => f.endsWith(".bin"))!);
    const bytes = readFileSync(bin);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(bin, bytes);
    expect(await ensureRuns(dataset, two, 2, {store, log: quiet})).toMatchObject({trained: 1, epochs: 2});
    expect(await ensureRuns(dataset, two, 2, {store, log: quiet})).toMatchObject({trained: 0});
  });
});

describe("the build's training step", () => {
  const env = {...process.env, TRAIN_LIMIT: "1000", SEEDS: "1"};
  const train = (store: string) =>
    spawnSync("npx", ["tsx", "data-loaders/build.ts", "--runs-only"], {
      env: {...env, RUN_STORE: store},
      encoding: "utf8"
    });
  const entries = (store: string) =>
    readdirSync(store)
      .filter((f) => f.endsWith(".json"))
      .sort();
  // Everything but the timings, which differ from run to run.
  const results = (store: string) =>
    entries(store).map((name) => {
      const entry = JSON.parse(readFileSync(join(store, name), "utf8"));
      return {
        name,
        bin: readFileSync(join(store, name.replace(/\.json$/, ".bin"))).toString("base64"),
        epochs: entry.epochs.map(({epoch, testScore, trainAccuracy}: Record<string, number>) => ({
          epoch,
          testScore,
          trainAccuracy
        }))
      };
    });

  // Every run every experiment asks for, for one seed, and the distinct ones among them.
  const checksum = real().checksum;
  const asked = Object.values(experiments).flatMap((e) => e.runs(readSettings(env)));
  const all = distinctRuns(asked, checksum);
  const runs = all.length;
  const epochs = all.reduce((sum, run) => sum + run.epochs, 0);

  // One uninterrupted build into an empty store: the results the other tests must reproduce.
  const clean = tempDir();
  let cleanBuild: ReturnType<typeof train>;
  beforeAll(() => {
    cleanBuild = train(clean);
  }, 300_000);

  it("trains every distinct run of every experiment once", () => {
    expect(cleanBuild.status, cleanBuild.stderr).toBe(0);
    expect(cleanBuild.stderr).toContain(`runs: ${runs} distinct; trained ${runs} (${epochs} epochs)`);
    expect(entries(clean)).toHaveLength(runs);
    // each request of each experiment finds its run stored with at least the epochs it asked for
    for (const request of asked) {
      const entry = JSON.parse(readFileSync(join(clean, `${runKey(request.config, checksum)}.json`), "utf8"));
      expect(entry.epochs.length).toBeGreaterThanOrEqual(request.epochs);
    }
  });

  it("killed with SIGKILL mid-training, then run again, ends with the same results as an uninterrupted build", async () => {
    const store = tempDir();
    const child = spawn("npx", ["tsx", "data-loaders/build.ts", "--runs-only"], {
      env: {...env, RUN_STORE: store},
      detached: true,
      stdio: "ignore"
    });
    const deadline = Date.now() + 120_000;
    while ((!existsSync(store) || entries(store).length < 3) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, "SIGKILL"); // the whole process group: npx, tsx, node and its worker threads
    await new Promise((r) => child.once("exit", r));
    const before = entries(store).length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(runs);
    writeFileSync(join(store, "abandoned.json.tmp-999999-x"), "half a file"); // as a killed write leaves

    const result = train(store);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`trained ${runs - before} `);
    expect(readdirSync(store).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(results(store)).toEqual(results(clean));
  }, 300_000);

  it("two builds at once into one store both succeed and leave correct entries", async () => {
    const store = tempDir();
    const run = () =>
      new Promise<number | null>((resolve) =>
        spawn("npx", ["tsx", "data-loaders/build.ts", "--runs-only"], {
          env: {...env, RUN_STORE: store},
          stdio: "ignore"
        }).once("exit", resolve)
      );
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    expect(results(store)).toEqual(results(clean));
  }, 300_000);
});
