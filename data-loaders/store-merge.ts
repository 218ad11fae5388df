// Bringing run stores together (npm run store -- merge DIR...): the stores that shards trained
// on other machines (npm run train -- --shard I/N) are copied into this one, entry by entry.
// Every entry copied is checked whole first (its JSON's and its .bin's checksums, and that its
// settings give its key), so a damaged one is refused instead of spread. Each entry is copied
// as the training code writes it: the .bin, then the .json, each under a temporary name and
// renamed. An interrupted merge leaves at most a .bin without its .json, which is no entry (the
// store reads an entry from its .json), and the next merge or training replaces it.
import {readdirSync, readFileSync, realpathSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {UsageError} from "./errors.js";
import {readEntry} from "./run-entry.js";
import {engineFingerprint} from "./run-key.js";
import {writeAtomically} from "./temporaries.js";

/** An entry's JSON file: <key>.json, the key 32 hex digits (run-key.ts). */
const ENTRY = /^([0-9a-f]{32})\.json$/;
/** What a run store may hold: entries, their weights, and temporaries of interrupted writes. */
const STORE_FILE = /^[0-9a-f]{32}\.(json|bin)(\.tmp-\d+-[a-z0-9]+)?$/;

/** What a merge did, for its summary. */
export interface MergeReport {
  /** Entries copied into the store. */
  merged: number;
  /** Entries the store already held intact (or an earlier source gave it). */
  present: number;
  /** Damaged entries, not copied: the entry's .json path and what is wrong. */
  refused: {path: string; reason: string}[];
  /** Entries written by other training code (another engine fingerprint): not copied, since this code never reads them. */
  otherCode: number;
}

/**
 * Checks that `dir` can be merged into `store`: a folder that exists, is not `store` itself,
 * and holds only store files or, if other files too, at least one run entry. Throws a
 * UsageError naming `dir` otherwise.
 */
export function checkSourceStore(dir: string, store: string): void {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder (a run store is a folder)`);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${dir} does not exist` : `${dir} cannot be read as a run store (${code})`
    );
  }
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  if (real(dir) === real(store))
    throw new UsageError(`${dir} is this store (RUN_STORE, or .cache/runs): name the others`);
  const stored = names.filter((name) => STORE_FILE.test(name));
  if (names.length > 0 && !names.some((name) => ENTRY.test(name)) && stored.length < names.length)
    throw new UsageError(`${dir} is not a run store (it holds no <key>.json entries, and other files)`);
}

/** The engine fingerprint an entry's JSON names, if it can be read at all. */
function engineOf(file: string): string | undefined {
  try {
    const engine = JSON.parse(readFileSync(file, "utf8")).engine;
    return typeof engine === "string" ? engine : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies every intact entry of the stores `sources` (in order; the first of a key wins) that
 * `store` lacks or holds damaged into `store`, refusing damaged ones (listed in the report,
 * and told to `log` as they are found) and skipping those written by other training code.
 * Sources are checked first (checkSourceStore). File-system errors in `store` are thrown.
 */
export function mergeStores(store: string, sources: string[], log: (line: string) => void): MergeReport {
  for (const dir of sources) checkSourceStore(dir, store);
  const engine = engineFingerprint().hash;
  const report: MergeReport = {merged: 0, present: 0, refused: [], otherCode: 0};
  for (const dir of sources) {
    const keys = readdirSync(dir)
      .map((name) => ENTRY.exec(name)?.[1])
      .filter((key): key is string => key !== undefined)
      .sort();
    for (const key of keys) {
      const here = readEntry(store, key);
      if (here && !(here instanceof Error)) {
        report.present++;
        continue;
      }
      const found = readEntry(dir, key);
      if (found === undefined) continue; // gone since the listing: nothing to copy
      const path = join(dir, `${key}.json`);
      if (found instanceof Error) {
        const written = engineOf(path);
        if (written !== undefined && written !== engine) {
          report.otherCode++;
          continue;
        }
        report.refused.push({path, reason: found.message});
        log(`store: refused ${path}: ${found.message}`);
        continue;
      }
      if (here instanceof Error) log(`store: replacing ${join(store, `${key}.json`)} (${here.message}) with ${path}`);
      // The .bin first, then the .json: the entry exists only once both are whole. The JSON is
      // written as the training code writes it, from the fields just checked.
      writeAtomically(join(store, `${key}.bin`), found.bin!);
      writeAtomically(join(store, `${key}.json`), JSON.stringify(found.entry, null, 1));
      report.merged++;
    }
  }
  return report;
}

/** The summary line: "store: merged 38 runs from 2 stores, 77 already here, 0 refused". */
export function describeMerge(report: MergeReport, stores: number): string {
  const runs = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;
  const other = report.otherCode
    ? `; skipped ${report.otherCode} written by other training code (this code never reads them: its keys differ)`
    : "";
  return (
    `store: merged ${runs(report.merged)} from ${stores} ${stores === 1 ? "store" : "stores"}, ` +
    `${report.present} already here, ${report.refused.length} refused${other}`
  );
}
