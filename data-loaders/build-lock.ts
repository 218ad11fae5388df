// One build at a time in the page stage: a lock is a folder (made atomically: mkdir fails when
// it exists) holding an owner file with the holder's pid, the time that process started and a
// random token. A lock whose holder is gone is stale and taken over: its pid no longer runs,
// or runs a process started at another time (the pid was reused after the holder died, which
// a pid alone would take for the holder and wait on forever). The start time comes from
// /proc/<pid>/stat; where there is no /proc, only the pid is checked.
import {randomBytes} from "node:crypto";
import {mkdirSync, readFileSync, renameSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {buildStatePath} from "./build-state.js";
import {alive, writeAtomically} from "./temporaries.js";

interface Owner {
  pid: number;
  /** When the process started (/proc/<pid>/stat field 22); absent where there is no /proc. */
  start?: string;
  /** This hold of the lock, so that a holder removes only its own. */
  token: string;
}

const OWNER = "owner.json";

/** When process `pid` started, in clock ticks since boot (/proc/<pid>/stat field 22); undefined without /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command's name, is in parentheses and may hold spaces and ")": fields are counted after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
  } catch {
    return undefined;
  }
}

function readOwner(lock: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(lock, OWNER), "utf8"));
    if (Number.isInteger(owner?.pid) && owner.pid > 0 && typeof owner.token === "string") return owner;
  } catch {
    // not written yet (the folder was just made), or damaged
  }
  return undefined;
}

/** Whether the lock's holder is gone: its pid is not running, or runs a process that started at another time. */
function gone(owner: Owner): boolean {
  if (!alive(owner.pid)) return true;
  const start = owner.start === undefined ? undefined : processStart(owner.pid);
  return start !== undefined && start !== owner.start;
}

/**
 * Removes a stale lock, the one held as `token`: moved aside first, so that of two builds that
 * found it stale only one removes it, and put back if it is a new holder's after all.
 */
function takeOver(lock: string, token: string | undefined): void {
  const aside = `${lock}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // another build moved it first
  }
  if (readOwner(aside)?.token !== token) {
    try {
      renameSync(aside, lock);
      return;
    } catch {
      // a lock made meanwhile holds the name: this one goes
    }
  }
  rmSync(aside, {recursive: true, force: true});
}

/**
 * Holds the lock `name` (a folder in `dir`, by default .cache/build/) while `work` runs; waits
 * while another live build holds it, telling `onWait` its pid once, and takes over a stale one.
 */
export async function withLock<T>(
  name: string,
  work: () => Promise<T>,
  onWait: (pid: number) => void = () => {},
  dir: string = dirname(buildStatePath(name))
): Promise<T> {
  const lock = join(dir, `${name}.lock`);
  mkdirSync(dir, {recursive: true});
  const me: Owner = {pid: process.pid, start: processStart(process.pid), token: randomBytes(8).toString("hex")};
  let told = false;
  let unnamed = 0; // tries that found the lock without an owner in it
  for (;;) {
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lock);
      // A holder that is gone, or one killed between making the folder and naming itself (5 s).
      if (owner ? gone(owner) : ++unnamed > 25) {
        unnamed = 0;
        takeOver(lock, owner?.token);
        continue;
      }
      if (owner && !told) {
        onWait(owner.pid);
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    writeAtomically(join(lock, OWNER), JSON.stringify(me));
    break;
  }
  try {
    return await work();
  } finally {
    // Only its own: a lock taken over from this build (judged stale) is the new holder's.
    if (readOwner(lock)?.token === me.token) rmSync(lock, {recursive: true, force: true});
  }
}
