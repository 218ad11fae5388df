// Files' SHA-256 for the build's fingerprints (module-graph.ts), each read once while its stat
// is unchanged.
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {BuildError} from "./errors.js";
import {fileStamp} from "./file-stamp.js";

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Each file read, by path, while its stat is unchanged: fifty loader outputs share most modules. */
const hashes = new Map<string, {stamp: string; hash: string}>();

export function hashFile(file: string, root: string): string {
  try {
    const stamp = fileStamp(file);
    const known = hashes.get(file);
    if (known?.stamp === stamp) return known.hash;
    const hash = sha256(readFileSync(file));
    hashes.set(file, {stamp, hash});
    return hash;
  } catch (error) {
    throw new BuildError(
      `${relative(root, file)}: cannot read a file the build depends on (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    );
  }
}

/** Every file under `path` (or `path` itself), sorted, leaving out folders `skip` names. */
export function filesUnder(path: string, skip: (name: string) => boolean = () => false): string[] {
  if (!existsSync(path)) return [path]; // named in an error by hashFile
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, {withFileTypes: true})
    .filter((entry) => !skip(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name), skip));
}
