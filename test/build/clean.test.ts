// npm run clean deletes what the build makes again by itself and keeps the run store (minutes
// of training) unless asked with --runs; in a copy of the project.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {SITE_MARKER, SITE_MARKER_TEXT} from "../../data-loaders/output-folders.js";
import {projectCopy, tempDir} from "../fixtures.js";

const clean = (dir: string, args: string[] = [], env: Record<string, string> = {}) =>
  spawnSync("npm", ["run", "--silent", "clean", ...(args.length ? ["--", ...args] : [])], {
    cwd: dir,
    env: {...process.env, RUN_STORE: "", ...env},
    encoding: "utf8"
  });

/** A project copy with a site, Framework's cache, the build's records and a run store of one run. */
function built(): string {
  const dir = projectCopy();
  const file = (path: string) => {
    mkdirSync(join(dir, path, ".."), {recursive: true});
    writeFileSync(join(dir, path), "x");
  };
  for (const path of [
    "dist/index.html",
    "src/.observablehq/cache/data/exp1-summary.arrow",
    ".cache/build/outputs.json",
    ".cache/runs/0123.json",
    ".cache/runs/0123.bin"
  ])
    file(path);
  writeFileSync(join(dir, "dist", SITE_MARKER), SITE_MARKER_TEXT); // a site the build made
  return dir;
}

describe("npm run clean", () => {
  it("removes the site, Framework's cache and the build's records, keeps the run store and says so", () => {
    const dir = built();
    const result = clean(dir);
    expect(result.status, result.stderr).toBe(0);
    for (const path of ["dist", "src/.observablehq/cache", ".cache/build"])
      expect(existsSync(join(dir, path)), path).toBe(false);
    expect(readdirSync(join(dir, ".cache", "runs")).sort()).toEqual(["0123.bin", "0123.json"]);
    expect(existsSync(join(dir, "src", "index.md"))).toBe(true);
    expect(result.stderr).toContain("clean: removed dist, src/.observablehq/cache, .cache/build");
    expect(result.stderr).toContain(
      "clean: kept the run store .cache/runs (1 run; npm run clean -- --runs removes it too)"
    );

    const again = clean(dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("clean: nothing to remove");
  });

  it("keeps a dist folder the build did not make (the user's own files), saying why", () => {
    const dir = built();
    rmSync(join(dir, "dist", SITE_MARKER));
    writeFileSync(join(dir, "dist", "notes.txt"), "mine");
    const result = clean(dir);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(dir, "dist")).sort()).toEqual(["index.html", "notes.txt"]);
    expect(result.stderr).toMatch(/clean: kept dist: .*dist holds files this build did not make/);
    expect(existsSync(join(dir, "src", ".observablehq", "cache"))).toBe(false);
  });

  it("--runs removes the run store too", () => {
    const dir = built();
    const result = clean(dir, ["--runs"]);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, ".cache"))).toBe(false);
    expect(result.stderr).toContain("clean: removed the run store .cache/runs (1 run)");
  });

  it("with RUN_STORE, keeps that store, and --runs removes only its runs", () => {
    const dir = built();
    const store = tempDir();
    writeFileSync(join(store, "abcd.json"), "{}");
    writeFileSync(join(store, "abcd.bin"), "");
    writeFileSync(join(store, "notes.txt"), "not a run");
    const kept = clean(dir, [], {RUN_STORE: store});
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stderr).toContain(`kept the run store ${store} (1 run;`);
    expect(readdirSync(store).sort()).toEqual(["abcd.bin", "abcd.json", "notes.txt"]);
    const removed = clean(dir, ["--runs"], {RUN_STORE: store});
    expect(removed.status, removed.stderr).toBe(0);
    expect(readdirSync(store)).toEqual(["notes.txt"]);
  });

  it("an unknown option is refused in one line and nothing is removed", () => {
    const dir = built();
    const result = clean(dir, ["--run"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      "error: npm run clean: Unknown option '--run' (option: --runs, to delete the run store too)"
    );
    expect(existsSync(join(dir, "dist", "index.html"))).toBe(true);
    expect(existsSync(join(dir, ".cache", "runs", "0123.json"))).toBe(true);
  });
});
