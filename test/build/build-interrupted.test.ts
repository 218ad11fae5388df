// A build killed at any point, or run twice at once, never loses the last good site and never
// leaves anything that changes the next build's result.
import {spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";

/** SHA-256 over every file of a folder, names and bytes. */
function treeHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of (readdirSync(dir, {recursive: true}) as string[]).sort()) {
    const path = join(dir, name);
    try {
      hash.update(name).update(readFileSync(path));
    } catch {
      hash.update(name); // a folder
    }
  }
  return hash.digest("hex");
}

/** Builds `dir` and returns the build's stderr, failing the test if the build fails. */
function build(dir: string, env: Record<string, string>): string {
  const result = buildIn(dir, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stderr;
}

/**
 * Starts a build in `dir` and SIGKILLs its whole process group (the build, its workers,
 * Framework) once its stderr matches `when` and `ready()` holds, `delay` ms later.
 */
const killWhen = (
  dir: string,
  env: Record<string, string>,
  when: RegExp,
  delay = 0,
  ready: () => boolean = () => true
) =>
  new Promise<string>((resolve) => {
    const child = spawn(join(dir, "node_modules", ".bin", "tsx"), ["data-loaders/build.ts"], {
      cwd: dir,
      env: {...process.env, RUN_STORE: "", SITE_OUTPUT: "", ...env},
      detached: true
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const poll = setInterval(() => {
      if (!when.test(stderr) || !ready()) return;
      clearInterval(poll);
      setTimeout(() => process.kill(-child.pid!, "SIGKILL"), delay);
    }, 20);
    child.once("exit", () => {
      clearInterval(poll);
      resolve(stderr);
    });
  });

/** Forgets every loader output and the site's state (the run store stays). */
const forgetPages = (dir: string) => {
  rmSync(join(dir, "src", ".observablehq", "cache", "data"), {recursive: true, force: true});
  rmSync(join(dir, ".cache", "build"), {recursive: true, force: true});
};

describe("an interrupted or doubled build", () => {
  let env: Record<string, string>;
  // A copy built once, and its site's hash: the last good site the tests after the first kill
  // builds in. Each of them first builds it again (nothing to do when the last test left it
  // whole), so none relies on what another left.
  let built: string;
  let good: string;
  const goodSite = () => {
    build(built, env);
    expect(treeHash(join(built, "dist"))).toBe(good);
  };

  beforeAll(() => {
    env = {MNIST_DIR: smallMnistDir(10000, 1000), SEEDS: "1", TRAIN_LIMIT: "500"}; // the pages attach the first 10,000 training and 1,000 test images
    built = projectCopy();
    build(built, env);
    good = treeHash(join(built, "dist"));
  }, 600_000);

  it("killed in the training step, then rebuilt: the same site as a clean page stage over the same runs", async () => {
    const dir = projectCopy(); // its own copy: an empty run store
    const dist = join(dir, "dist");
    const stderr = await killWhen(dir, env, /runs: \d+ distinct, 0 in the store, training/, 1500);
    const total = Number(/training (\d+)/.exec(stderr)![1]);
    const store = join(dir, ".cache", "runs");
    const stored = () => (existsSync(store) ? readdirSync(store).filter((f) => f.endsWith(".json")).length : 0);
    const before = stored();
    expect(before).toBeLessThan(total); // killed mid-training
    expect(existsSync(join(dist, "index.html"))).toBe(false);
    expect(build(dir, env)).toContain(`trained ${total - before} `); // only what the killed build had not stored
    const resumed = treeHash(dist);
    expect(readdirSync(store).filter((f) => f.includes(".tmp-"))).toEqual([]);
    forgetPages(dir);
    rmSync(dist, {recursive: true, force: true});
    build(dir, env);
    expect(treeHash(dist)).toBe(resumed);
  }, 600_000);

  it("killed while computing tables, or while rendering: the last good site stays, and the rebuild is byte-identical", async () => {
    goodSite();
    const dist = join(built, "dist");
    forgetPages(built);
    const inData = await killWhen(built, env, /data: computing/, 300);
    expect(inData).not.toContain("site:"); // killed before the pages
    expect(treeHash(dist)).toBe(good);
    rmSync(join(built, ".cache", "build", "site.json"), {force: true});
    const rendering = () => readdirSync(built).some((name) => /^dist\.tmp-/.test(name));
    await killWhen(built, env, /site: rendering/, 200, rendering); // once Framework writes its first files
    expect(rendering()).toBe(true); // killed mid-render
    expect(treeHash(dist)).toBe(good);
    build(built, env);
    expect(treeHash(dist)).toBe(good);
    expect(readdirSync(built).filter((name) => /^dist\.(tmp|old)-/.test(name))).toEqual([]); // the killed render's folder is cleared
  }, 600_000);

  it("two full builds at once in one clone both succeed, with the same site", async () => {
    goodSite();
    forgetPages(built);
    const run = () =>
      new Promise<number | null>((resolve) => {
        spawn(join(built, "node_modules", ".bin", "tsx"), ["data-loaders/build.ts"], {
          cwd: built,
          env: {...process.env, RUN_STORE: "", SITE_OUTPUT: "", ...env},
          stdio: "ignore"
        }).once("exit", resolve);
      });
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    expect(treeHash(join(built, "dist"))).toBe(good);
  }, 600_000);
});
