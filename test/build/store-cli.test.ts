// npm run store -- merge DIR... as a command: what it says on stderr and its exit status (0 all
// copied, 1 a damaged entry refused after copying the rest, 2 a bad command line or folder).
import {spawnSync} from "node:child_process";
import {readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {getRun} from "../../data-loaders/run-training.js";
import {smallDataset, tempDir} from "../fixtures.js";

/** `npm run store -- args` with RUN_STORE=`store`. */
function storeCommand(args: string[], store: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/store-cli.ts", ...args], {
    env: {...process.env, RUN_STORE: store},
    encoding: "utf8"
  });
  return {status: result.status, stderr: result.stderr, stdout: result.stdout};
}

/** A store holding one-epoch runs of seeds 1..`runs`, and their keys. */
async function storeOf(runs: number): Promise<{dir: string; keys: string[]}> {
  const dataset = smallDataset(300, 200);
  const dir = tempDir();
  const keys: string[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const config = {hidden: 12, init: "Normal", lr: 0.3, seed, kernel: "wasm-f32"} as const;
    keys.push((await getRun(dataset, {config, epochs: 1}, dir)).key);
  }
  return {dir, keys};
}

const stackless = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe("npm run store -- merge", () => {
  it("copies two stores and says so in one line", async () => {
    const [a, b] = [await storeOf(2), await storeOf(3)]; // b holds a's two runs and one more
    const store = tempDir();
    const result = storeCommand(["merge", a.dir, b.dir], store);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe("store: merged 3 runs from 2 stores, 2 already here, 0 refused");
    expect(readdirSync(store).filter((name) => name.endsWith(".json"))).toHaveLength(b.keys.length);
  });

  it("a damaged entry: named on stderr, the rest copied, exit 1", async () => {
    const source = await storeOf(2);
    const bin = join(source.dir, `${source.keys[0]}.bin`);
    const damaged = readFileSync(bin);
    damaged[0] ^= 1;
    writeFileSync(bin, damaged);
    const store = tempDir();
    const result = storeCommand(["merge", source.dir], store);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`store: refused ${join(source.dir, `${source.keys[0]}.json`)}:`);
    expect(result.stderr).toContain("store: merged 1 run from 1 store, 0 already here, 1 refused");
    expect(readdirSync(store).sort()).toEqual([`${source.keys[1]}.bin`, `${source.keys[1]}.json`]);
    stackless(result.stderr);
  });

  it("a bad command line or a folder that is no store: one line, exit 2, nothing copied", async () => {
    const good = await storeOf(1);
    const missing = join(tempDir(), "missing");
    const store = tempDir();
    for (const [args, message] of [
      [["merge", good.dir, missing], `error: ${missing} does not exist`],
      [["merge"], "error: npm run store -- merge: no store named; usage: npm run store -- merge DIR..."],
      [["marge", good.dir], 'error: npm run store: unknown command "marge"; usage:']
    ] as const) {
      const result = storeCommand([...args], store);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(message);
      stackless(result.stderr);
    }
    expect(readdirSync(store)).toEqual([]);
  });
});
