// npm run clean [-- --runs]: deletes what the build makes again by itself (the site,
// Framework's cache, the build's records in .cache/build) and keeps the run store, whose
// runs took minutes to train, unless --runs asks for that too.
import {existsSync, readdirSync, rmdirSync, rmSync} from "node:fs";
import {join, relative} from "node:path";
import {describeError, parseCommandLine, runCommand} from "./errors.js";
import {projectRoot} from "./module-graph.js";
import {checkSiteOutput} from "./output-folders.js";
import {storeDir} from "./run-entry.js";

/** The files a run store holds: entries, their weights, and temporaries of interrupted writes. */
const STORE_FILE = /\.(json|bin)(\.tmp-\d+-[a-z0-9]+)?$/;

/**
 * Empties the run store `store` of run files and removes the folder if nothing else is left:
 * RUN_STORE may name a folder that holds other things too.
 */
function removeStore(store: string): number {
  const runs = readdirSync(store).filter((name) => name.endsWith(".json")).length;
  for (const name of readdirSync(store)) if (STORE_FILE.test(name)) rmSync(join(store, name), {force: true});
  if (readdirSync(store).length === 0) rmdirSync(store);
  return runs;
}

const count = (runs: number) => `${runs} ${runs === 1 ? "run" : "runs"}`;
const log = (line: string) => void process.stderr.write(line + "\n");

/** Deletes the site, Framework's cache and the build's records, and with --runs the run store; says what it did. */
function clean(argv: string[]): void {
  const {values} = parseCommandLine(
    {args: argv, options: {runs: {type: "boolean"}}},
    (message) => `npm run clean: ${message} (option: --runs, to delete the run store too)`
  );
  const shown = (path: string) => (relative(projectRoot, path).startsWith("..") ? path : relative(projectRoot, path));
  const removed: string[] = [];
  for (const path of ["dist", join("src", ".observablehq", "cache"), join(".cache", "build")]) {
    const full = join(projectRoot, path);
    if (!existsSync(full)) continue;
    if (path === "dist") {
      // The site folder is deleted only if it is one the build made, as the build would replace it.
      try {
        checkSiteOutput(full, "dist");
      } catch (error) {
        log(`clean: kept ${describeError(error)}`);
        continue;
      }
    }
    rmSync(full, {recursive: true, force: true});
    removed.push(path);
  }
  log(`clean: ${removed.length ? `removed ${removed.join(", ")}` : "nothing to remove"}`);
  const store = storeDir();
  if (!existsSync(store)) return;
  if (values.runs) {
    const runs = removeStore(store);
    const cache = join(projectRoot, ".cache");
    if (existsSync(cache) && readdirSync(cache).length === 0) rmdirSync(cache);
    log(`clean: removed the run store ${shown(store)} (${count(runs)})`);
  } else {
    const runs = readdirSync(store).filter((name) => name.endsWith(".json")).length;
    log(`clean: kept the run store ${shown(store)} (${count(runs)}; npm run clean -- --runs removes it too)`);
  }
}

await runCommand(() => clean(process.argv.slice(2)));
