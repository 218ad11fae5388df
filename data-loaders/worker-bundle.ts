// A page's Web Worker as one browser script, bundled by esbuild with the lib/ engine it
// imports, so the page starts it from its own host.
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {defineLoader, type Loader} from "./loader.js";

/** The loader of a worker script: `entry` (relative to the loader `moduleUrl`) bundled into one classic script. */
export function workerBundleLoader(moduleUrl: string, entry: string): Loader {
  return defineLoader(moduleUrl, async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(entry, moduleUrl))],
      bundle: true,
      // A classic script, not a module: module workers came later (Firefox 114, Safari 15) than
      // the rest of what the pages need.
      format: "iife",
      platform: "browser",
      target: "es2022",
      minify: true,
      write: false,
      logLevel: "silent"
    });
    return result.outputFiles[0].contents;
  });
}
