// The build owns only what it made: the site is swapped only into a folder that is absent,
// empty or a site this project made, and the run store must be a folder. Anything else is
// refused on one line before any training, and every file that was there survives.
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync
} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {SITE_MARKER, treeHash} from "../../data-loaders/output-folders.js";
import {projectCopy, smallMnistDir, tempDir} from "../fixtures.js";

/** The copy's build with a tiny training set and its own store (so a build that does train is quick). */
function build(dir: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(join(dir, "node_modules", ".bin", "tsx"), ["data-loaders/build.ts", ...args], {
    cwd: dir,
    env: {...process.env, TRAIN_LIMIT: "100", SEEDS: "1", RUN_STORE: tempDir(), SITE_OUTPUT: "", ...env},
    encoding: "utf8",
    timeout: 240_000
  });
  return {status: result.status, stderr: result.stderr};
}

/** Every entry under `dir` (not following links): a file's SHA-256, a link's target, a folder as "/". */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const path = join(folder, entry.name);
      const name = path.slice(dir.length + 1);
      if (entry.isSymbolicLink()) entries[name] = `-> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) {
        entries[name] = "/";
        visit(path);
      } else entries[name] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  visit(dir);
  return entries;
}

/** A folder of a user's own files (nested, a dotfile), none of them the build's. */
function userFiles(dir: string): string {
  mkdirSync(join(dir, "photos"), {recursive: true});
  writeFileSync(join(dir, "thesis.tex"), "\\documentclass{article}\n");
  writeFileSync(join(dir, "photos", "cat.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  writeFileSync(join(dir, ".profile"), "export EDITOR=vi\n");
  return dir;
}

/** Refused on one line matching `message`, before any training (the store stays empty). */
function expectRefused(result: {status: number | null; stderr: string}, store: string, message: RegExp) {
  expect(result.status, result.stderr).not.toBe(0);
  expect(result.stderr.trimEnd().split("\n"), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(!existsSync(store) || readdirSync(store).length === 0, "nothing trained").toBe(true);
}

/** `text` as a regular expression matching itself. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("SITE_OUTPUT that is not the build's to replace is refused before any training", () => {
  it("a folder of the user's files", () => {
    const dir = projectCopy();
    const decoy = userFiles(tempDir());
    const before = snapshot(decoy);
    const store = tempDir();
    const result = build(dir, {SITE_OUTPUT: decoy, RUN_STORE: store});
    expectRefused(
      result,
      store,
      new RegExp(
        `^error: SITE_OUTPUT=${literal(decoy)}: ${literal(decoy)} holds files this build did not make; give an empty or new folder$`,
        "m"
      )
    );
    expect(snapshot(decoy)).toEqual(before);
  });

  it("src, the pages the site is made from", () => {
    const dir = projectCopy();
    const before = snapshot(join(dir, "src"));
    const store = tempDir();
    expectRefused(
      build(dir, {SITE_OUTPUT: "src", RUN_STORE: store}),
      store,
      /^error: SITE_OUTPUT=src: .*\/src is src\//m
    );
    expect(snapshot(join(dir, "src"))).toEqual(before);
    // Nor a new folder inside it, nor in the caches or the installed packages.
    for (const inside of ["src/site", ".cache/site", "node_modules/site"]) {
      expectRefused(build(dir, {SITE_OUTPUT: inside, RUN_STORE: store}), store, /is inside/);
      expect(existsSync(join(dir, inside)), inside).toBe(false);
    }
  });

  it("the project itself (.)", () => {
    const dir = projectCopy();
    const before = snapshot(dir);
    const store = tempDir();
    expectRefused(
      build(dir, {SITE_OUTPUT: ".", RUN_STORE: store}),
      store,
      new RegExp(`^error: SITE_OUTPUT=\\.: ${literal(dir)} is the project folder`, "m")
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("the folder holding the project (..)", () => {
    // The copy is moved into a folder of its own, so that `..` is a folder this test owns.
    const outer = userFiles(tempDir());
    const dir = join(outer, "project");
    renameSync(projectCopy(), dir);
    const before = snapshot(outer);
    const store = tempDir();
    expectRefused(
      build(dir, {SITE_OUTPUT: "..", RUN_STORE: store}),
      store,
      new RegExp(`^error: SITE_OUTPUT=\\.\\.: ${literal(outer)} holds the project \\(${literal(dir)}\\)`, "m")
    );
    expect(snapshot(outer)).toEqual(before);
  });

  it("a file (README.md would become a folder)", () => {
    const dir = projectCopy();
    const readme = join(dir, "README.md");
    writeFileSync(readme, "# My notes\n");
    const store = tempDir();
    expectRefused(
      build(dir, {SITE_OUTPUT: "README.md", RUN_STORE: store}),
      store,
      new RegExp(`^error: SITE_OUTPUT=README\\.md: ${literal(readme)} is a file, not a folder`, "m")
    );
    expect(lstatSync(readme).isFile()).toBe(true);
    expect(readFileSync(readme, "utf8")).toBe("# My notes\n");
  });

  it("a folder holding the run store", () => {
    const dir = projectCopy();
    const outer = tempDir();
    const store = join(outer, "runs");
    expectRefused(
      build(dir, {SITE_OUTPUT: outer, RUN_STORE: store}),
      store,
      new RegExp(`holds the run store ${literal(store)}`)
    );
  });
});

describe("SITE_OUTPUT that is the build's own", () => {
  // Builds that get as far as the site: a small MNIST (the pages attach the first 10,000 training
  // and 1,000 test images) and one store for both tests, which the first to run fills.
  let shared: {MNIST_DIR: string; RUN_STORE: string} | undefined;
  const quick = () => (shared ??= {MNIST_DIR: smallMnistDir(10000, 1000), RUN_STORE: tempDir()});

  it("an empty folder is accepted; the site made there is marked, and the next build replaces it", () => {
    const dir = projectCopy();
    const out = tempDir();
    const first = build(dir, {...quick(), SITE_OUTPUT: out});
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(readFileSync(join(out, SITE_MARKER), "utf8")).toMatch(/^A site made by npm run build/);
    // Forgotten by the build (as after `rm -rf .cache`), the site is still known by its marker.
    rmSync(join(dir, ".cache", "build", "site.json"));
    const second = build(dir, {...quick(), SITE_OUTPUT: out});
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain("site: rendered into");
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(existsSync(join(out, SITE_MARKER))).toBe(true);
  }, 300_000);

  it("a site the previous version made (unmarked, recorded unchanged in .cache/build/site.json) is replaced and marked; with a file added, it is refused", () => {
    const dir = projectCopy();
    const out = join(dir, "dist");
    const first = build(dir, quick());
    expect(first.status, first.stderr).toBe(0);
    // What the previous version left: no marker, and site.json recording the site's tree hash.
    rmSync(join(out, SITE_MARKER));
    const stateFile = join(dir, ".cache", "build", "site.json");
    const state = JSON.parse(readFileSync(stateFile, "utf8"));
    state[out].site = treeHash(out);
    writeFileSync(stateFile, JSON.stringify(state));

    writeFileSync(join(out, "notes.txt"), "mine\n");
    const before = snapshot(out);
    const empty = tempDir(); // not the shared store, so that "nothing trained" can be seen
    expectRefused(
      build(dir, {...quick(), RUN_STORE: empty}),
      empty,
      new RegExp(`^error: SITE_OUTPUT \\(unset: dist\\): ${literal(out)} holds files this build did not make`, "m")
    );
    expect(snapshot(out)).toEqual(before);

    rmSync(join(out, "notes.txt"));
    const upgraded = build(dir, quick());
    expect(upgraded.status, upgraded.stderr).toBe(0);
    expect(upgraded.stderr).toContain("site: rendered into dist");
    expect(existsSync(join(out, SITE_MARKER))).toBe(true);
  }, 300_000);
});

describe("RUN_STORE that is not a folder", () => {
  it("is refused before any training, naming it, by the build and by npm run experiment", () => {
    const file = join(tempDir(), "runs");
    writeFileSync(file, "not a folder\n");
    const message = new RegExp(`^error: RUN_STORE=${literal(file)}: ${literal(file)} is a file, not a folder$`, "m");
    const tsx = (script: string, args: string[]) =>
      spawnSync("node_modules/.bin/tsx", [script, ...args], {
        env: {...process.env, RUN_STORE: file, TRAIN_LIMIT: "100", SEEDS: "1"},
        encoding: "utf8",
        timeout: 120_000
      });
    for (const [script, args] of [
      ["data-loaders/build.ts", ["--runs-only"]],
      ["data-loaders/experiment-cli.ts", ["1"]]
    ] as const) {
      const result = tsx(script, [...args]);
      expect(result.status, result.stderr).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stderr, "nothing trained").not.toMatch(/^runs: /m);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    expect(readFileSync(file, "utf8")).toBe("not a folder\n");
  });
});
