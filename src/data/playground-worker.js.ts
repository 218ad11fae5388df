// Bundles the playground's Web Worker (src/playground/train-worker.ts and the lib/ engine it
// imports) into one browser script with esbuild, so the page can start it from its own host.
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {defineLoader} from "../../data-loaders/loader.js";

export default defineLoader(import.meta.url, async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../playground/train-worker.ts", import.meta.url))],
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
