// Files are written under temporary names carrying the writer's pid (name.tmp-<pid>-<random>)
// and renamed when whole; a writer killed mid-write leaves its temporary behind, which the
// next build deletes once that pid is no longer running.
import {mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";

/** Writes `bytes` to `file` whole or not at all: a temporary name, then a rename. Its errors name `file`. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(dirname(file), {recursive: true});
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, {force: true});
    } catch {
      // the error that matters is the write's
    }
    throw namingFile(error, file);
  }
}

/**
 * `error` with `file` in its message if it lacks it: a failed write says only "ENOSPC: no
 * space left on device, write", and a failed temporary names the temporary.
 */
export function namingFile(error: unknown, file: string): unknown {
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string") {
    if (!error.message.includes(`'${file}'`)) error.message += ` (writing ${file})`;
  }
  return error;
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
    // build-input: none, it only looks for temporaries to delete
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
