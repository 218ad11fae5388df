// The folders the build writes into, checked before any work: the run store must be (or be
// able to become) a folder, and the site's folder is replaced whole, so it must be absent,
// empty or a site this project made. A mistyped SITE_OUTPUT once deleted the user's files,
// `src`, or the whole clone; now it costs one line on stderr.
import {createHash} from "node:crypto";
import {
  accessSync,
  constants,
  type Dirent,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync
} from "node:fs";
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from "node:path";
import {buildStatePath} from "./build-state.js";
import {SettingsError} from "./errors.js";
import {projectRoot} from "./module-graph.js";
import {storeDir} from "./run-entry.js";

/** The file the build writes into every site it makes: a folder holding it may be replaced by the next build. */
export const SITE_MARKER = ".mynn-site";
const MARKER_SIGNATURE = "A site made by npm run build of make-your-own-neural-network-report";
/** The marker's text: what the folder is, for someone who finds it. */
export const SITE_MARKER_TEXT = `${MARKER_SIGNATURE}; the next build replaces this folder whole.\n`;

/** SHA-256 over every file under `dir` (names and bytes), skipping folders `skip` rejects. */
export function treeHash(dir: string, skip: (name: string) => boolean = () => false): string {
  const hash = createHash("sha256");
  const visit = (folder: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (skip(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(path).isDirectory())) visit(path);
      else hash.update(relative(dir, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  visit(dir);
  return hash.digest("hex");
}

/** Whether `path` is `folder` or inside it. */
function within(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest === "" || (rest !== ".." && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}

/** `path` with the symbolic links of its existing part resolved (the rest appended as written). */
function realPath(path: string): string {
  const rest: string[] = [];
  for (let head = resolve(path); ; head = dirname(head)) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      if (dirname(head) === head) return resolve(path);
      rest.push(basename(head));
    }
  }
}

/** `within` for the paths as written and as resolved: a symbolic link does not hide where a folder is. */
const withinEither = (path: string, folder: string) =>
  within(resolve(path), resolve(folder)) || within(realPath(path), realPath(folder));

/**
 * Why the build could not make or write the folder `path` (undefined if it can), naming the
 * path at fault: the folder itself, or the nearest existing thing on the way to it.
 */
function folderProblem(path: string): string | undefined {
  for (let existing = resolve(path); ; existing = dirname(existing)) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing, or below a file (ENOTDIR): the part that exists is found on the way up.
      if ((code === "ENOENT" || code === "ENOTDIR") && dirname(existing) !== existing) continue;
      return `${existing} cannot be read (${code})`;
    }
    if (!stats.isDirectory()) return `${existing} ${stats.isFile() ? "is a file, not a folder" : "is not a folder"}`;
    try {
      accessSync(existing, constants.W_OK | constants.X_OK);
    } catch {
      return `${existing} is not writable`;
    }
    return undefined;
  }
}

/**
 * Makes `path` and its missing parents one at a time: Node's recursive mkdirSync loops
 * forever where a parent exists but refuses new folders with ENOENT (/proc).
 */
function makeFolder(path: string): void {
  const missing: string[] = [];
  for (let head = resolve(path); !existsSync(head) && dirname(head) !== head; head = dirname(head)) missing.push(head);
  for (const folder of missing.reverse()) mkdirSync(folder);
}

/** The run store's setting as the user wrote it, for messages. */
const storeLabel = () => (process.env.RUN_STORE ? `RUN_STORE=${process.env.RUN_STORE}` : "the run store");

/** Throws a SettingsError naming RUN_STORE unless the run store is a folder the build can write (or make). */
export function checkRunStore(store = storeDir()): void {
  const problem = folderProblem(store);
  if (problem) throw new SettingsError(`${storeLabel()}: ${problem}`);
  try {
    // Made now (the first run would make it): only trying says whether it can be (/proc, a full disk).
    makeFolder(store);
    accessSync(store, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsError(`${storeLabel()}: ${store} cannot be made or written (${code})`);
  }
}

/** Whether `dir` holds the marker of a site this project's build made. */
export function isSite(dir: string): boolean {
  try {
    const marker = join(dir, SITE_MARKER);
    return lstatSync(marker).isFile() && readFileSync(marker, "utf8").startsWith(MARKER_SIGNATURE);
  } catch {
    return false;
  }
}

/** Whether `.cache/build/site.json` records `dir` as a site built here, unchanged since (one made before sites were marked). */
function recordedSite(dir: string): boolean {
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(buildStatePath("site.json"), "utf8"))?.[dir]?.site;
  } catch {
    return false; // no record: the folder is not known to be a site
  }
  return typeof recorded === "string" && recorded === treeHash(dir);
}

/**
 * Throws a SettingsError (`label: path why`) unless a site may be swapped into `out`: it is
 * absent, an empty folder, or a site this project made (marked, or recorded by the last
 * build); and it is not the project, nor holds it, nor lies in src/, .cache, node_modules
 * or the run store, whose files the swap would delete.
 */
export function checkSiteOutput(out: string, label = "the site folder"): void {
  out = resolve(out);
  const refuse = (why: string): never => {
    throw new SettingsError(`${label}: ${out} ${why}`);
  };
  const own = "; the site needs a folder of its own, e.g. dist";
  if (withinEither(projectRoot, out))
    refuse(resolve(projectRoot) === out ? `is the project folder${own}` : `holds the project (${projectRoot})${own}`);
  for (const [folder, what] of [
    [join(projectRoot, "src"), "src/, which the site is made from"],
    [join(projectRoot, ".cache"), ".cache/, the build's caches"],
    [join(projectRoot, "node_modules"), "node_modules/, the installed packages"]
  ])
    if (withinEither(out, folder)) refuse(`is ${withinEither(folder, out) ? "" : "inside "}${what}${own}`);
  const store = storeDir();
  if (withinEither(out, store)) refuse(`is inside the run store (${storeLabel()})${own}`);
  if (withinEither(store, out)) refuse(`holds the run store ${store} (${storeLabel()})${own}`);

  let stats: ReturnType<typeof lstatSync> | undefined;
  try {
    stats = lstatSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") refuse(`cannot be read (${code})`);
  }
  const fresh = "; give an empty or new folder";
  if (stats?.isSymbolicLink()) refuse(`is a symbolic link; give the folder itself${fresh}`);
  if (stats && !stats.isDirectory())
    refuse(`${stats.isFile() ? "is a file, not a folder" : "is not a folder"}${fresh}`);
  const parent = folderProblem(dirname(out));
  if (parent) throw new SettingsError(`${label}: ${parent}`);
  if (!stats) return;
  let names: string[] = [];
  try {
    names = readdirSync(out);
  } catch (error) {
    refuse(`cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  if (names.length > 0 && !isSite(out) && !recordedSite(out)) refuse(`holds files this build did not make${fresh}`);
}
