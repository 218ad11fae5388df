// npm run dev [-- preview options]: the live preview. Brings the loader outputs up to date
// first (as the build does, reusing what is current), starts Framework's preview, and
// watches lib/, data-loaders/ and the pages: after an edit there, the outputs that depend on the
// edited code are made again, and those a new or edited page attaches are made, and Framework is
// told, so the page refreshes without a restart.
import {type ChildProcess, spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, utimesSync, watch} from "node:fs";
import {join} from "node:path";
import {cachedOutputs, findLoader, frameworkCache} from "./loader-files.js";
import {projectRoot} from "./module-graph.js";

const log = (line: string) => void process.stderr.write(`dev: ${line}\n`);

/** Each cached output's SHA-256 (the build keeps an unchanged output's time). */
const stamps = () =>
  new Map(
    cachedOutputs().map((name) => [
      name,
      createHash("sha256")
        .update(readFileSync(join(frameworkCache, name)))
        .digest("hex")
    ])
  );

/** The build's runs and data stages, in a new process so that edited modules are read afresh. */
function refresh(): Promise<number | null> {
  return new Promise((resolve) => {
    spawn(process.execPath, ["--import", "tsx/esm", join(projectRoot, "data-loaders", "build.ts"), "--no-site"], {
      cwd: projectRoot,
      stdio: ["ignore", "inherit", "inherit"]
    }).once("exit", resolve);
  });
}

/**
 * Framework's preview watches a loader file, not its imports, and serves the cached output
 * while it is not older than the loader. So each changed output's loader gets a new time, and
 * every output of that loader (one loader makes every result table) 1 ms more: the preview
 * sees the loader change and serves the new outputs, and runs no loader for the others.
 * Returns how many outputs changed.
 */
function notify(before: Map<string, string>): number {
  const now = Date.now();
  const after = stamps();
  const changed = [...after].filter(([name, hash]) => before.get(name) !== hash).map(([name]) => name);
  const loaders = new Set(changed.map((name) => findLoader(name)?.loader).filter((loader) => loader !== undefined));
  // Outputs first: at no moment is one of them older than its loader (Framework would run it).
  for (const name of after.keys())
    if (loaders.has(findLoader(name)?.loader ?? ""))
      utimesSync(join(frameworkCache, name), new Date(), new Date(now + 1));
  for (const loader of loaders) utimesSync(loader, new Date(), new Date(now));
  return changed.length;
}

/** The experiment definitions' files: the preview's config (the sidebar, descriptions) read them when it started. */
const definitions = () =>
  readdirSync(join(projectRoot, "data-loaders", "experiments"))
    .sort()
    .join("\n");

if ((await refresh()) !== 0) log("the data stage failed (above); pages that need its files will show the error");
// Framework's preview reads the config, and with it the experiment list, once: it is started
// again when a definition file is added or removed (and the data stage has succeeded with it).
let preview: ChildProcess;
let restarting = false;
const startPreview = () => {
  preview = spawn(join(projectRoot, "node_modules", ".bin", "observable"), ["preview", ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: "inherit"
  });
  preview.once("exit", (code) => restarting || process.exit(code ?? 0));
};
let listed = definitions();
startPreview();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));

async function restartPreviewIfListChanged(): Promise<void> {
  if (definitions() === listed) return;
  listed = definitions();
  log("the experiment list changed; starting the preview again");
  restarting = true;
  const exited = new Promise((done) => preview.once("exit", done));
  preview.kill("SIGTERM");
  await exited;
  restarting = false;
  startPreview();
}

let timer: NodeJS.Timeout | undefined;
let running = false;
let again = false;
let cause = "code";
const onChange = (what: string) => {
  cause = what;
  clearTimeout(timer);
  timer = setTimeout(async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      const before = stamps();
      log(`${cause} changed; bringing the data up to date`);
      const code = await refresh();
      const told = notify(before);
      if (code === 0) await restartPreviewIfListChanged();
      log(told ? `${told} file${told === 1 ? "" : "s"} changed` : "no file changed");
    } while (again);
    running = false;
  }, 300);
};
for (const folder of ["lib", "data-loaders"])
  watch(join(projectRoot, folder), {recursive: true}, () => onChange("code"));
// A page that is new or attaches another file: its files are made now, not when Framework is
// first asked for them (then Framework would run the loader itself, training in the request).
watch(join(projectRoot, "src"), {recursive: true}, (_event, name) => {
  if (name?.endsWith(".md") && !name.startsWith(".observablehq")) onChange(`src/${name}`);
});
