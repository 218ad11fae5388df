// The page stage's lock: a build waits while another live build holds it, and takes over at
// once a lock whose holder is gone, even when its pid now belongs to another live process.
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {processStart, withLock} from "../data-loaders/build-lock.js";
import {tempDir} from "./fixtures.js";

const holdLock = (dir: string, owner: object) => {
  mkdirSync(join(dir, "site.lock"));
  writeFileSync(join(dir, "site.lock", "owner.json"), JSON.stringify(owner));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("build lock", () => {
  it("knows when a process started (Linux: /proc)", () => {
    if (!existsSync("/proc/self/stat")) return;
    expect(processStart(process.pid)).toMatch(/^\d+$/);
    expect(processStart(2 ** 22 + 1)).toBeUndefined(); // no such process
  });

  it("a lock whose pid now names another live process (started at another time) is taken over at once", async () => {
    if (!existsSync("/proc/self/stat")) return; // elsewhere only the pid is known
    const other = spawn("sleep", ["30"], {stdio: "ignore"});
    try {
      await sleep(50);
      const start = processStart(other.pid!);
      expect(start).toMatch(/^\d+$/);
      const dir = tempDir();
      holdLock(dir, {pid: other.pid, start: String(Number(start) - 1000), token: "a build that died"});
      const waited: number[] = [];
      const began = performance.now();
      expect(
        await withLock(
          "site",
          async () => "ran",
          (pid) => waited.push(pid),
          dir
        )
      ).toBe("ran");
      expect(performance.now() - began).toBeLessThan(1000);
      expect(waited).toEqual([]);
      expect(readdirSync(dir)).toEqual([]); // released, and the stale one gone
      expect(other.exitCode).toBeNull(); // the other process is left alone
    } finally {
      other.kill();
    }
  });

  it("a live holder (same pid, same start) is waited for and named once; then the lock is taken", async () => {
    const dir = tempDir();
    holdLock(dir, {pid: process.pid, start: processStart(process.pid), token: "another build"});
    const waited: number[] = [];
    let ran = false;
    const held = withLock(
      "site",
      async () => {
        ran = true;
      },
      (pid) => waited.push(pid),
      dir
    );
    await sleep(1000);
    expect(ran).toBe(false);
    expect(waited).toEqual([process.pid]);
    await withLock("gone", async () => {}, undefined, dir); // another lock name does not wait
    // the holder finishes
    rmSync(join(dir, "site.lock"), {recursive: true});
    await held;
    expect(ran).toBe(true);
    expect(waited).toEqual([process.pid]);
  });

  it("two holders in one process take turns; a holder removes only its own lock", async () => {
    const dir = tempDir();
    const order: string[] = [];
    const hold = (name: string) =>
      withLock(
        "site",
        async () => {
          order.push(`${name} in`);
          await sleep(300);
          order.push(`${name} out`);
        },
        undefined,
        dir
      );
    await Promise.all([hold("a"), hold("b")]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);

    // A holder judged stale and taken over must not remove the new holder's lock on its way out.
    await withLock(
      "site",
      async () => {
        rmSync(join(dir, "site.lock"), {recursive: true});
        holdLock(dir, {pid: process.pid, start: processStart(process.pid), token: "the new holder"});
      },
      undefined,
      dir
    );
    expect(existsSync(join(dir, "site.lock", "owner.json"))).toBe(true);
  });
});
