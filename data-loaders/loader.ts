// A data loader in src/data/ is a module whose default export produces its file's bytes.
// Framework runs it as a script (then it writes the bytes to stdout); the build imports it and
// calls `produce` in its own process, so a full build reads MNIST once and starts no loader
// processes (build.ts).
import {realpathSync} from "node:fs";
import {pathToFileURL} from "node:url";
import {parseArgs} from "node:util";
import {emitBytes} from "./errors.js";

export interface Loader {
  /** The file's bytes; `params` are the bracketed parts of a parameterized name ([lr] -> {lr}). */
  produce(params: Record<string, string>): Promise<Uint8Array>;
  /**
   * Module files whose code the output with these `params` also depends on, beyond the loader's
   * own imports (code it imports by a computed name, which the module graph cannot see); they
   * join its fingerprint (loader-outputs.ts).
   */
  sources?(params: Record<string, string>): string[];
}

/** Declares a loader; when `moduleUrl` is the script being run, also runs it (Framework passes params as --name=value). */
export function defineLoader(moduleUrl: string, produce: Loader["produce"], sources?: Loader["sources"]): Loader {
  const script = process.argv[1];
  if (script && pathToFileURL(realpathSync(script)).href === moduleUrl) {
    const {values} = parseArgs({args: process.argv.slice(2), strict: false});
    const params = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
    void emitBytes(() => produce(params));
  }
  return sources ? {produce, sources} : {produce};
}
