// The last stage of the build: Framework renders the pages into a temporary folder beside the
// site, which replaces the site only when the render succeeded, so a failed or killed build
// leaves the last good site in place. Skipped when nothing the site is made of changed.
import {spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {hasStrings, readBuildState, recordOf, writeBuildState} from "./build-state.js";
import {frameworkCache, srcDir} from "./loader-outputs.js";
import {projectRoot} from "./module-graph.js";
import {checkSiteOutput, isSite, SITE_MARKER, SITE_MARKER_TEXT, treeHash} from "./output-folders.js";
import {removeAbandonedTemporaries} from "./temporaries.js";

// Framework colours its log; the ESC character is built, not written, so the pattern stays printable.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** What the site is made of: the pages and components, the config, the packages, the loaders' outputs. */
function siteFingerprint(): string {
  return createHash("sha256")
    .update(treeHash(srcDir, (name) => name === ".observablehq"))
    .update(treeHash(join(frameworkCache, "data")))
    .update(readFileSync(join(projectRoot, "observablehq.config.ts")))
    .update(readFileSync(join(projectRoot, "package-lock.json")))
    .digest("hex");
}

type SiteState = Record<string, {fingerprint: string; site: string}>;

const readState = (): SiteState =>
  readBuildState("site.json", recordOf("an object of site records", hasStrings("fingerprint", "site")));

/** Removes temporary and moved-aside sites left by builds that were killed. */
function removeAbandoned(out: string): void {
  const name = basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  removeAbandonedTemporaries(dirname(out), new RegExp(`^${name}\\.(?:tmp|old)-(\\d+)$`));
}

/** Framework's build in its own process, loading while the build's other stages run (framework-render.mjs). */
export interface Renderer {
  /** Renders into `out`; its log is shown only when it fails. */
  render(out: string): Promise<void>;
  /** Nothing to render (or the build failed): ends the process. */
  cancel(): void;
}

export function startRenderer(): Renderer {
  const child = spawn(process.execPath, [join(projectRoot, "data-loaders", "framework-render.mjs")], {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "pipe"]
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", resolvePromise);
  });
  exited.catch(() => {}); // reported by render()
  child.stdin.on("error", () => {}); // a renderer that died early is reported by render()
  // A build that fails or is interrupted before its site stage takes the renderer with it.
  const stop = () => child.kill();
  process.once("exit", stop);
  return {
    async render(out) {
      child.stdin.end(out + "\n");
      const code = await exited;
      process.off("exit", stop);
      // Framework reports a failed loader in its log but may still exit 0: a failed build either way.
      const failed = code !== 0 || /\berror\b.*(loader|in \d)/i.test(log.replace(ANSI_COLOUR, ""));
      if (failed) throw new Error(`observable build failed (exit ${code}):\n${log.split("\n").slice(-30).join("\n")}`);
    },
    cancel() {
      // Killed, not told: it may still be loading Framework, and the build need not wait for that.
      child.kill();
      process.off("exit", stop);
    }
  };
}

/**
 * Renders the site into `out` unless it is current; returns whether it rendered. `out` must
 * be absent, empty or a site this project made (checkSiteOutput); `label` names its setting.
 */
export async function buildSite(
  out: string,
  renderer: Renderer = startRenderer(),
  onRender: () => void = () => {},
  label?: string
): Promise<boolean> {
  out = resolve(out);
  checkSiteOutput(out, label); // again: files may have appeared there while the runs trained
  mkdirSync(dirname(out), {recursive: true});
  removeAbandoned(out);
  const fingerprint = siteFingerprint();
  const state = readState();
  if (
    state[out]?.fingerprint === fingerprint &&
    existsSync(join(out, "index.html")) &&
    isSite(out) && // a site made before sites were marked is made again, marked
    state[out].site === treeHash(out)
  ) {
    renderer.cancel();
    return false;
  }
  onRender();
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, {recursive: true, force: true});
  try {
    await renderer.render(temp);
    if (!existsSync(join(temp, "index.html"))) throw new Error(`observable build wrote no index.html to ${temp}`);
    // GitHub Pages runs a site through Jekyll unless it holds .nojekyll, and Jekyll drops every
    // folder whose name starts with "_": Framework's _file, _import, _node and _observablehq.
    writeFileSync(join(temp, ".nojekyll"), "");
    // The mark that lets the next build replace this folder (and no folder without it).
    writeFileSync(join(temp, SITE_MARKER), SITE_MARKER_TEXT);
    // Swap: the old site moves aside, the new one takes its name, the old one is deleted.
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(temp, out);
    rmSync(old, {recursive: true, force: true});
  } finally {
    rmSync(temp, {recursive: true, force: true});
  }
  writeBuildState("site.json", {...readState(), [out]: {fingerprint, site: treeHash(out)}});
  return true;
}
