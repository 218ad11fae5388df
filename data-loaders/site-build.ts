// The last stage of the build: Framework renders the pages into a temporary folder beside the
// site, which replaces the site only when the render succeeded, so a failed or killed build
// leaves the last good site in place. Skipped when nothing the site is made of changed.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {hasStrings, readBuildState, recordOf, writeBuildState} from "./build-state.js";
import {cachedOutputs, frameworkCache, srcDir} from "./loader-files.js";
import {projectRoot} from "./module-graph.js";
import {mendPageTemplate} from "./page-template.js";
import {type Renderer, startRenderer} from "./renderer.js";
import {checkSiteOutput, isSite, SITE_MARKER, SITE_MARKER_TEXT, treeHash} from "./output-folders.js";
import {removeAbandonedTemporaries} from "./temporaries.js";

/**
 * What the site is made of: the pages and components, the config, the packages, the loaders'
 * outputs and their times (Framework writes an output's time into the pages as its
 * lastModified, and an output takes its loader's time: stampLike in loader-outputs.ts), and
 * how the built pages are mended after Framework writes them (page-template.ts).
 */
function siteFingerprint(): string {
  const times = cachedOutputs().map((name) => `${name} ${Math.floor(statSync(join(frameworkCache, name)).mtimeMs)}`);
  return createHash("sha256")
    .update(treeHash(srcDir, (name) => name === ".observablehq"))
    .update(treeHash(join(frameworkCache, "data")))
    .update(times.join("\n"))
    .update(readFileSync(join(projectRoot, "observablehq.config.ts")))
    .update(readFileSync(join(projectRoot, "package-lock.json")))
    .update(readFileSync(join(projectRoot, "data-loaders", "page-template.ts")))
    .digest("hex");
}

type SiteState = Record<string, {fingerprint: string; site: string}>;

const readState = (): SiteState =>
  readBuildState("site.json", recordOf("an object of site records", hasStrings("fingerprint", "site")));

/** Framework's own bundles in its cache: npm packages it bundled from node_modules, its client. */
const BUNDLES = ["_node", "_npm", "_observablehq"].map((name) => join(frameworkCache, name));
const bundlesHash = () =>
  createHash("sha256")
    .update(BUNDLES.map((dir) => treeHash(dir)).join())
    .digest("hex");
const readBundles = () =>
  readBuildState<{hash?: string}>("bundles.json", {
    expected: "an object with the hash of Framework's bundles",
    valid: (value): value is {hash?: string} => hasStrings("hash")(value)
  });

/**
 * Framework reuses its bundles without checking them, so a damaged one fails every build (or
 * worse, is published). Their hash is recorded after each render; bundles that no longer match
 * it are deleted, and Framework makes them again from node_modules. Returns whether it deleted.
 */
function removeDamagedBundles(): boolean {
  const {hash} = readBundles();
  if (!hash || hash === bundlesHash()) return false;
  for (const dir of BUNDLES) rmSync(dir, {recursive: true, force: true});
  return true;
}

/** Removes temporary and moved-aside sites left by builds that were killed. */
function removeAbandoned(out: string): void {
  const name = basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  removeAbandonedTemporaries(dirname(out), new RegExp(`^${name}\\.(?:tmp|old)-(\\d+)$`));
}

/** Mends every page Framework wrote under `dir` (its template's accessibility faults: page-template.ts). */
function mendPages(dir: string): void {
  for (const entry of readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const html = readFileSync(file, "utf8");
    const mended = mendPageTemplate(html);
    if (mended !== html) writeFileSync(file, mended);
  }
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
  if (removeDamagedBundles())
    process.stderr.write(`site: Framework's bundles in ${frameworkCache} changed since they were made; made again\n`);
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, {recursive: true, force: true});
  try {
    let warnings: string[];
    try {
      warnings = await renderer.render(temp);
    } catch (error) {
      // Bundles made before their hash was recorded (by an older build) cannot be checked: if
      // the render fails, once more without them. Checked bundles are not the cause.
      if (readBundles().hash || !BUNDLES.some((dir) => existsSync(dir))) throw error;
      process.stderr.write("site: the render failed; trying once more with Framework's bundles made again\n");
      for (const dir of [...BUNDLES, temp]) rmSync(dir, {recursive: true, force: true});
      warnings = await startRenderer().render(temp);
    }
    for (const warning of warnings) process.stderr.write(`site: warning: ${warning}\n`);
    if (!existsSync(join(temp, "index.html"))) throw new Error(`observable build wrote no index.html to ${temp}`);
    mendPages(temp);
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
  writeBuildState("bundles.json", {hash: bundlesHash()});
  return true;
}
