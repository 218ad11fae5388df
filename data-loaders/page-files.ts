// Which files the pages name, and what is wrong in them, as Observable Framework reads them
// (framework-pages.mjs, in the renderer's process). Reading every page takes Framework about
// three seconds, so the answer is kept in .cache/build/pages.json while nothing it comes from
// (the pages, components and config, and Framework's version) changed.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {readBuildState, writeBuildState} from "./build-state.js";
import {srcDir} from "./loader-files.js";
import {projectRoot} from "./module-graph.js";
import {treeHash} from "./output-folders.js";
import type {PageScan, Renderer} from "./renderer.js";

interface Recorded extends PageScan {
  fingerprint: string;
}

const isStrings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === "string");
const isRecorded = (value: unknown): value is Partial<Recorded> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Recorded).fingerprint === "string" &&
  isStrings((value as Recorded).problems) &&
  typeof (value as Recorded).files === "object" &&
  (value as Recorded).files !== null &&
  Object.values((value as Recorded).files).every(isStrings);

/** What the page scan depends on: everything under src/ but Framework's cache, the config, Framework itself. */
function pagesFingerprint(): string {
  const framework = join(projectRoot, "node_modules", "@observablehq", "framework", "package.json");
  return createHash("sha256")
    .update(treeHash(srcDir, (name) => name === ".observablehq"))
    .update(readFileSync(join(projectRoot, "observablehq.config.ts")))
    .update(readFileSync(framework))
    .digest("hex");
}

/**
 * The files the pages name (src/-relative, each with the pages naming it) and the problems
 * Framework found in them. `renderer` is asked only when the pages changed since last time.
 */
export async function pageFiles(renderer: () => Renderer): Promise<PageScan> {
  const fingerprint = pagesFingerprint();
  const known = readBuildState<Partial<Recorded>>("pages.json", {
    expected: "the files the pages name, with a fingerprint",
    valid: isRecorded
  });
  if (known.fingerprint === fingerprint && known.files && known.problems)
    return {files: known.files, problems: known.problems};
  const scan = await renderer().pages();
  writeBuildState("pages.json", {fingerprint, ...scan}, true);
  return scan;
}
