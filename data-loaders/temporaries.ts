// Files are written under temporary names carrying the writer's pid (name.tmp-<pid>-<random>)
// and renamed when whole; a writer killed mid-write leaves its temporary behind, which the
// next build deletes once that pid is no longer running.
import {mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";

/** Writes `bytes` to `file` whole or not at all: a temporary name, then a rename. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(file), {recursive: true});
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, {force: true});
    throw error;
  }
}

/** Whether process `pid` is alive (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes the temporaries in `dir` (matching `pattern`, whose first group is the pid) of writers that are gone. */
export function removeAbandonedTemporaries(dir: string, pattern = /\.tmp-(\d+)-[a-z0-9]+$/): number {
  let removed = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (match && !alive(Number(match[1]))) {
      rmSync(join(dir, name), {recursive: true, force: true});
      removed++;
    }
  }
  return removed;
}
