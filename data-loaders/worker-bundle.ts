// A page's Web Worker as one browser script, bundled by esbuild with the lib/ engine it
// imports, so the page starts it from its own host.
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {defineLoader, type Loader} from "./loader.js";

/**
 * The loader of a worker script: `entry` bundled into one classic script. The loader passes
 * `new URL("../x/worker.ts", import.meta.url)` written out: that literal is what the module
 * graph follows (module-scan.ts), so the bundle is made again when the worker or what it
 * imports changes.
 */
export function workerBundleLoader(moduleUrl: string, entry: URL): Loader {
  return defineLoader(moduleUrl, async () => {
    const result = await build({
      entryPoints: [fileURLToPath(entry)],
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
