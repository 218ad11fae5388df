// npm run dev [-- preview options]: the live preview. Brings the loader outputs up to date
// first (as the build does, reusing what is current), starts Framework's preview, and
// watches lib/ and data-loaders/: after an edit there, the outputs that depend on the edited
// code are made again and Framework is told, so the page refreshes without a restart.
import {spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {readFileSync, utimesSync, watch} from "node:fs";
import {join} from "node:path";
import {cachedOutputs, findLoader, frameworkCache} from "./loader-outputs.js";
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
 * while it is not older than the loader. So each changed output gets a new time, then its
 * loader 1 ms less (the times the build would give them): the preview sees the loader change
 * and serves the new output.
 */
function notify(before: Map<string, string>): number {
  const now = Date.now();
  const loaders = new Set<string>();
  for (const [name, hash] of stamps()) {
    const loader = before.get(name) === hash ? undefined : findLoader(name)?.loader;
    if (!loader) continue;
    utimesSync(join(frameworkCache, name), new Date(), new Date(now + 1));
    loaders.add(loader);
  }
  for (const loader of loaders) utimesSync(loader, new Date(), new Date(now));
  return loaders.size;
}

if ((await refresh()) !== 0) log("the data stage failed (above); pages that need its files will show the error");
const preview = spawn(join(projectRoot, "node_modules", ".bin", "observable"), ["preview", ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: "inherit"
});
preview.once("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));

let timer: NodeJS.Timeout | undefined;
let running = false;
let again = false;
const onChange = () => {
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
      log("code changed; bringing the data up to date");
      await refresh();
      const told = notify(before);
      log(told ? `refreshed the files of ${told} loaders` : "no file changed");
    } while (again);
    running = false;
  }, 300);
};
for (const folder of ["lib", "data-loaders"]) watch(join(projectRoot, folder), {recursive: true}, onChange);
