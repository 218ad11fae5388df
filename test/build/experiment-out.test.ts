// npm run experiment -- N --out X writes where X leads and replaces only files: a symbolic
// link keeps being a link (its target gets the table), a FIFO or a device is written through,
// anything else is refused before training; a failed write names its path. And an experiment
// name is looked up among the experiments only, not Object's own properties.
import {spawn, spawnSync} from "node:child_process";
import {existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {tempDir} from "../fixtures.js";

const TSX = "node_modules/.bin/tsx";
const CLI = "data-loaders/experiment-cli.ts";
const env = (store: string) => ({...process.env, RUN_STORE: store, TRAIN_LIMIT: "100", SEEDS: "1"});
const cli = (args: string[], store = tempDir()) =>
  spawnSync(TSX, [CLI, ...args], {env: env(store), encoding: "utf8", timeout: 120_000});
const stackless = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);
const empty = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;
/** Experiment 1's summary, one row, read from Arrow IPC bytes. */
const summaryRows = (bytes: Uint8Array) => tableFromIPC(bytes).numRows;

describe("npm run experiment --out", () => {
  it("a symbolic link stays a link: its target, existing or not, gets the table", () => {
    const dir = tempDir();
    const store = tempDir();
    writeFileSync(join(dir, "table.arrow"), "old bytes");
    symlinkSync(join(dir, "table.arrow"), join(dir, "link.arrow"));
    symlinkSync("new.arrow", join(dir, "dangling.arrow")); // relative, to a file not made yet
    for (const [link, target] of [
      ["link.arrow", "table.arrow"],
      ["dangling.arrow", "new.arrow"]
    ]) {
      const result = cli(["1", "--out", join(dir, link)], store);
      expect(result.status, result.stderr).toBe(0);
      expect(lstatSync(join(dir, link)).isSymbolicLink(), link).toBe(true);
      expect(summaryRows(readFileSync(join(dir, target))), target).toBe(1);
    }
    expect(readlinkSync(join(dir, "dangling.arrow"))).toBe("new.arrow");
    expect(readdirSync(dir).sort()).toEqual(["dangling.arrow", "link.arrow", "new.arrow", "table.arrow"]); // no temporaries
  });

  it("a FIFO is written through: a reader gets the table, and the FIFO stays a FIFO", async () => {
    const dir = tempDir();
    const fifo = join(dir, "table.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    // The reader is its own process: a read blocked on a FIFO nobody opens can then be ended.
    const reader = spawn("cat", [fifo]);
    const chunks: Buffer[] = [];
    reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const read = new Promise<Buffer>((resolve) => reader.on("close", () => resolve(Buffer.concat(chunks))));
    const result = await new Promise<{status: number | null; stderr: string}>((resolve) => {
      const child = spawn(TSX, [CLI, "1", "--out", fifo], {env: env(tempDir())});
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (status) => resolve({status, stderr}));
    });
    const timer = setTimeout(() => reader.kill(), 10_000); // a FIFO replaced by a file is never written
    const bytes = await read;
    clearTimeout(timer);
    expect(result.status, result.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(bytes.length).toBeGreaterThan(0);
    expect(summaryRows(bytes)).toBe(1);
    expect(readdirSync(dir)).toEqual(["table.fifo"]);
  });

  it("/dev/full: one line naming /dev/full and ENOSPC, and /dev/full stays a device", () => {
    const result = cli(["1", "--out", "/dev/full"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: ENOSPC: .*\/dev\/full/m);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("error:"))).toHaveLength(1);
    stackless(result.stderr);
    expect(lstatSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it("a socket is refused before training, naming it, and stays a socket", async () => {
    const dir = tempDir();
    const socket = join(dir, "table.sock");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const store = tempDir();
      const result = cli(["1", "--out", socket], store);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`error: --out ${socket}: is a socket; give a file, a FIFO or a character device`);
      stackless(result.stderr);
      expect(empty(store), "nothing trained").toBe(true);
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe("npm run experiment names", () => {
  it("constructor, toString and __proto__ are unknown experiments like any other", () => {
    for (const name of ["constructor", "toString", "__proto__"]) {
      const store = tempDir();
      const result = cli([name], store);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toContain(`error: unknown experiment "${name}"`);
      stackless(result.stderr);
      expect(empty(store)).toBe(true);
    }
  });
});
