// Merging run stores (npm run store -- merge DIR...): intact entries are copied whole, those the
// store holds are left alone, damaged ones are refused by path while the rest are copied, an
// interrupted copy leaves no entry behind, and a folder that is no store is refused.
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {UsageError} from "../data-loaders/errors.js";
import {readEntry, storedState} from "../data-loaders/run-entry.js";
import type {RunConfig} from "../data-loaders/run-key.js";
import {getRun} from "../data-loaders/run-training.js";
import {describeMerge, mergeStores} from "../data-loaders/store-merge.js";
import {firstDifference, smallDataset, tempDir} from "./fixtures.js";

const dataset = smallDataset(300, 200);
const config = (seed: number): RunConfig => ({hidden: 12, init: "Normal", lr: 0.3, seed, kernel: "wasm-f32"});

/** A store of its own holding one-epoch runs of `seeds`; returns the folder and the runs' keys. */
async function storeOf(...seeds: number[]): Promise<{dir: string; keys: string[]}> {
  const dir = tempDir();
  const keys: string[] = [];
  for (const seed of seeds) keys.push((await getRun(dataset, {config: config(seed), epochs: 1}, dir)).key);
  return {dir, keys};
}

/** Merges into `store`, collecting what it says. */
function merge(store: string, sources: string[]) {
  const lines: string[] = [];
  const report = mergeStores(store, sources, (line) => lines.push(line));
  return {report, lines, summary: describeMerge(report, sources.length)};
}

const entries = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
const bytes = (dir: string, name: string) => readFileSync(join(dir, name));

describe("merging run stores", () => {
  it("copies every entry the store lacks, byte for byte, as entries this store reads", async () => {
    const [a, b] = [await storeOf(1, 2), await storeOf(3)];
    const store = tempDir();
    const {report, summary} = merge(store, [a.dir, b.dir]);
    expect(report).toEqual({merged: 3, present: 0, refused: [], otherCode: 0});
    expect(summary).toBe("store: merged 3 runs from 2 stores, 0 already here, 0 refused");
    expect(entries(store)).toEqual([...a.keys, ...b.keys].map((key) => `${key}.json`).sort());
    for (const [from, key] of [...a.keys.map((k) => [a.dir, k]), ...b.keys.map((k) => [b.dir, k])]) {
      for (const name of [`${key}.bin`, `${key}.json`])
        expect(firstDifference(bytes(store, name), bytes(from, name)), name).toBe(-1);
      expect(storedState(store, key)).toEqual({epochs: 1, snapshots: []});
    }
    expect(readdirSync(store).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });

  it("leaves the entries the store already holds intact alone, and counts them", async () => {
    const source = await storeOf(1, 2);
    const store = tempDir();
    const held = source.keys[0];
    for (const ext of [".bin", ".json"]) copyFileSync(join(source.dir, held + ext), join(store, held + ext));
    const before = statSync(join(store, `${held}.json`));
    const {report} = merge(store, [source.dir]);
    expect(report).toMatchObject({merged: 1, present: 1, refused: []});
    const after = statSync(join(store, `${held}.json`));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // A second merge of the same store copies nothing.
    expect(merge(store, [source.dir]).report).toMatchObject({merged: 0, present: 2});
  });

  it("refuses a damaged entry, naming its path, and copies the rest", async () => {
    const source = await storeOf(1, 2, 3);
    const [binDamaged, jsonEdited, fine] = source.keys;
    const bin = bytes(source.dir, `${binDamaged}.bin`);
    bin[bin.length >> 1] ^= 1;
    writeFileSync(join(source.dir, `${binDamaged}.bin`), bin);
    const file = join(source.dir, `${jsonEdited}.json`);
    const entry = JSON.parse(readFileSync(file, "utf8"));
    entry.epochs[0].testScore = 0.999;
    writeFileSync(file, JSON.stringify(entry, null, 1));
    const store = tempDir();
    const {report, lines, summary} = merge(store, [source.dir]);
    expect(report.merged).toBe(1);
    expect(entries(store)).toEqual([`${fine}.json`]);
    expect(existsSync(join(store, `${binDamaged}.bin`))).toBe(false);
    expect(report.refused.map((r) => r.path).sort()).toEqual(
      [binDamaged, jsonEdited].map((key) => join(source.dir, `${key}.json`)).sort()
    );
    expect(lines).toContain(
      `store: refused ${join(source.dir, `${binDamaged}.json`)}: weights file does not match its checksum`
    );
    expect(lines).toContain(
      `store: refused ${join(source.dir, `${jsonEdited}.json`)}: entry does not match its checksum (edited or damaged)`
    );
    expect(summary).toBe("store: merged 1 run from 1 store, 0 already here, 2 refused");
  });

  it("replaces a damaged entry of its own with an intact one", async () => {
    const source = await storeOf(1);
    const [key] = source.keys;
    const store = tempDir();
    copyFileSync(join(source.dir, `${key}.json`), join(store, `${key}.json`));
    writeFileSync(join(store, `${key}.bin`), "truncated");
    const {report, lines} = merge(store, [source.dir]);
    expect(report).toMatchObject({merged: 1, present: 0});
    expect(lines.join("\n")).toContain(`store: replacing ${join(store, `${key}.json`)}`);
    expect(firstDifference(bytes(store, `${key}.bin`), bytes(source.dir, `${key}.bin`))).toBe(-1);
  });

  it("after an interrupted merge (a .bin without its .json), the store has no such entry, and merging again completes it", async () => {
    const source = await storeOf(1);
    const [key] = source.keys;
    const store = tempDir();
    // What a merge killed between its two renames leaves, and a killed write's temporary.
    copyFileSync(join(source.dir, `${key}.bin`), join(store, `${key}.bin`));
    writeFileSync(join(store, `${key}.json.tmp-999999999-abc`), "{");
    expect(readEntry(store, key)).toBeUndefined();
    expect(storedState(store, key)).toBeUndefined();
    // A store so interrupted is also a store to merge from: its lone .bin is not an entry.
    const other = tempDir();
    const lone = merge(other, [store]);
    expect(lone.report).toEqual({merged: 0, present: 0, refused: [], otherCode: 0});
    expect(readdirSync(other)).toEqual([]);
    expect(merge(store, [source.dir]).report).toMatchObject({merged: 1, refused: []});
    expect(storedState(store, key)).toEqual({epochs: 1, snapshots: []});
  });

  it("copies the .bin before the .json: a merge stopped between them leaves the .bin and no entry", async () => {
    const source = await storeOf(1);
    const [key] = source.keys;
    const store = tempDir();
    // The .json cannot be written here (a folder holds its name), as if the merge were killed there.
    mkdirSync(join(store, `${key}.json`, "in-the-way"), {recursive: true});
    expect(() => merge(store, [source.dir])).toThrow(join(store, `${key}.json`));
    expect(firstDifference(bytes(store, `${key}.bin`), bytes(source.dir, `${key}.bin`))).toBe(-1);
    expect(readdirSync(store).filter((name) => name.includes(".tmp-"))).toEqual([]);
    rmSync(join(store, `${key}.json`), {recursive: true});
    expect(readEntry(store, key)).toBeUndefined();
    expect(merge(store, [source.dir]).report.merged).toBe(1);
    expect(storedState(store, key)).toEqual({epochs: 1, snapshots: []});
  });

  it("skips entries written by other training code, and says so", async () => {
    const source = await storeOf(1, 2);
    const file = join(source.dir, `${source.keys[0]}.json`);
    // As another commit's training code would have written it: another engine, its checksum agreeing.
    const {sha256: _, ...fields} = JSON.parse(readFileSync(file, "utf8"));
    const other = {...fields, engine: "0123456789abcdef0123456789abcdef"};
    const sha256 = createHash("sha256").update(JSON.stringify(other)).digest("hex");
    writeFileSync(file, JSON.stringify({...other, sha256}, null, 1));
    const store = tempDir();
    const {report, summary} = merge(store, [source.dir]);
    expect(report).toMatchObject({merged: 1, refused: [], otherCode: 1});
    expect(entries(store)).toEqual([`${source.keys[1]}.json`]);
    expect(summary).toContain("skipped 1 written by other training code");
  });

  it("refuses a folder that does not exist, a file, this store itself and a folder of other files, naming it, before copying", async () => {
    const good = await storeOf(1);
    const store = tempDir();
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x");
    const others = tempDir();
    writeFileSync(join(others, "notes.txt"), "not a run");
    mkdirSync(join(others, "src"));
    const missing = join(tempDir(), "missing");
    for (const [dir, message] of [
      [missing, `${missing} does not exist`],
      [file, `${file} is not a folder`],
      [store, `${store} is this store`],
      [others, `${others} is not a run store`]
    ]) {
      expect(() => merge(store, [good.dir, dir]), dir).toThrow(UsageError);
      expect(() => merge(store, [good.dir, dir]), dir).toThrow(message);
    }
    expect(readdirSync(store)).toEqual([]);
    // An empty folder is an empty store (a shard with no runs).
    expect(merge(store, [tempDir()]).report.merged).toBe(0);
  });
});
