// Installed npm packages (module-graph.ts): node_modules checked against the lockfile, and each
// reached package counted by its installed version and the bytes of its installed files.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join, relative, sep} from "node:path";
import {SettingsError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";
import {filesUnder, hashFile} from "./file-hashes.js";
import {projectRoot} from "./module-graph.js";

/** The folder of the installed package a file belongs to: .../node_modules/@scope/name or .../node_modules/name. */
function packageFolder(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || at + 1 >= parts.length) return undefined;
  return parts.slice(0, at + (parts[at + 1].startsWith("@") ? 3 : 2)).join(sep);
}

interface Lock {
  packages?: Record<
    string,
    {version?: string; link?: boolean; optional?: boolean; dev?: boolean; devOptional?: boolean}
  >;
}
const checkedLocks = new Map<string, string>();

/**
 * Stops when node_modules is not what package-lock.json pins: between a pull that changes the
 * lockfile and `npm ci`, results would be computed with the old packages and stored under the
 * new fingerprints. Checked once per lockfile state per process.
 */
export function checkInstalled(root = projectRoot): void {
  const lockFile = join(root, "package-lock.json");
  if (!existsSync(lockFile)) return;
  const stamp = fileStamp(lockFile);
  if (checkedLocks.get(root) === stamp) return;
  let lock: Lock;
  try {
    lock = JSON.parse(readFileSync(lockFile, "utf8")) as Lock;
  } catch (error) {
    throw new SettingsError(`${lockFile}: not valid JSON (${(error as Error).message}); restore it and run npm ci`);
  }
  const wrong: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith("node_modules/") || entry.link || !entry.version) continue;
    let installed: string | undefined;
    try {
      installed = (JSON.parse(readFileSync(join(root, path, "package.json"), "utf8")) as {version?: string}).version;
    } catch {
      // Another platform's binary, or dev packages left out by npm ci --omit=dev: absent by design.
      if (entry.optional || entry.dev || entry.devOptional) continue;
    }
    if (installed !== entry.version)
      wrong.push(`${path.slice("node_modules/".length)} ${installed ?? "missing"} (lockfile: ${entry.version})`);
  }
  if (wrong.length)
    throw new SettingsError(
      `node_modules does not match package-lock.json: ${wrong.slice(0, 3).join(", ")}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ""}; run npm ci`
    );
  checkedLocks.set(root, stamp);
}

/**
 * A hash of every installed file of a package: code it loads by a computed name is covered too.
 * Kept while the files of it the bundle reached are unchanged (a process reads each package once).
 */
const packageHashCache = new Map<string, {stamps: string; hash: string}>();
function packageHash(folder: string, reached: string[], root: string): string {
  const stamps = [join(folder, "package.json"), ...reached].filter(existsSync).map(fileStamp).join();
  const known = packageHashCache.get(folder);
  if (known?.stamps === stamps) return known.hash;
  const hash = createHash("sha256");
  // Not the packages installed inside it: they count as packages of their own.
  for (const file of filesUnder(folder, (name) => name === "node_modules"))
    hash.update(relative(folder, file)).update("\0").update(hashFile(file, root));
  const result = hash.digest("hex");
  packageHashCache.set(folder, {stamps, hash: result});
  return result;
}

/** Each reached package as name@version (from its installed package.json), with a hash of its installed files. */
export function packageHashes(files: string[], root: string): Record<string, string> {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = packageFolder(file)!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const packages: Record<string, string> = {};
  for (const [folder, reached] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    let id = relative(join(folder, ".."), folder).split(sep).join("/");
    try {
      const {name, version} = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      id = `${name ?? id}@${version ?? "unversioned"}`;
    } catch {
      id = `${id}@unknown`;
    }
    // Two installed copies of one version (one nested in another package): each counts.
    if (id in packages) id = `${id} (${relative(root, folder).split(sep).join("/")})`;
    packages[id] = packageHash(folder, reached, root);
  }
  return packages;
}
