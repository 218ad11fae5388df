// A contributor's mistakes in naming a result file stop the build with one line naming the page
// that attaches it, the loader that makes it, and what is wrong: no stack trace.
import {spawnSync} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";

/** Builds a copy of the project whose Experiment 6 page attaches `name` instead of its scores. */
function buildAttaching(name: string): {status: number | null; stderr: string} {
  const dir = projectCopy();
  const page = join(dir, "src", "experiment-6.md");
  const source = readFileSync(page, "utf8");
  expect(source).toContain('FileAttachment("data/exp6-scores.arrow")');
  writeFileSync(page, source.replaceAll('FileAttachment("data/exp6-scores.arrow")', `FileAttachment("${name}")`));
  // The pages attach the first 10,000 training and 1,000 test images.
  const env = {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(10000, 1000)};
  return buildIn(dir, env, ["--no-site"]);
}

describe("a misspelled result file", () => {
  it("a table its experiment does not have is named, with the page, the loader and the tables there are", () => {
    const {status, stderr} = buildAttaching("data/exp6-scoers.arrow");
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^error: src\/experiment-6\.md attaches data\/exp6-scoers\.arrow, which src\/data\/\[result\]\.arrow\.ts makes: experiment exp6 has no table "scoers"; it has scores, settings, headline$/m
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 300_000);

  it("an experiment there is not is named, with the experiments there are", () => {
    const {status, stderr} = buildAttaching("data/exp66-scores.arrow");
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^error: src\/experiment-6\.md attaches data\/exp66-scores\.arrow, which src\/data\/\[result\]\.arrow\.ts makes: data\/exp66-scores\.arrow: expected data\/<experiment>-<table>\.arrow with an experiment of exp1, .*book$/m
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});

describe("a mistake in an experiment's definition", () => {
  it("stops the build and npm run experiment with one line naming the file, before any training", () => {
    const dir = projectCopy();
    const file = join(dir, "data-loaders", "experiments", "hidden-nodes.ts");
    const source = readFileSync(file, "utf8");
    const description = /^ {2}description:(?: ".*",|\n.*,)$/m; // on its line, or the next when long
    expect(source).toMatch(description);
    writeFileSync(file, source.replace(description, ""));
    const env = {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(10000, 1000)};
    const build = buildIn(dir, env, ["--no-site"]);
    const cli = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/experiment-cli.ts", "6"], {
      cwd: dir,
      env: {...process.env, ...env, RUN_STORE: ""},
      encoding: "utf8"
    });
    for (const {status, stderr} of [build, cli]) {
      expect(status).toBe(2);
      expect(stderr.trim()).toBe("error: data-loaders/experiments/hidden-nodes.ts: it has no description");
    }
  }, 120_000);
});
