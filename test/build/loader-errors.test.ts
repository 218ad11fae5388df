// A contributor's mistakes in a result-file loader stop the build with one line naming the
// loader's file and the file it makes, and what is wrong: no stack trace.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";

describe("a mistake in a loader", () => {
  it("a table its experiment does not have is named, with the loader's file and the tables there are", () => {
    const dir = projectCopy();
    const loader = join(dir, "src", "data", "exp6-scores.arrow.ts");
    const source = readFileSync(loader, "utf8");
    expect(source).toContain('"scores"');
    writeFileSync(loader, source.replace('"scores"', '"scoers"'));
    // The pages attach the first 10,000 training and 1,000 test images.
    const env = {SEEDS: "1", TRAIN_LIMIT: "300", MNIST_DIR: smallMnistDir(10000, 1000)};
    const {status, stderr} = buildIn(dir, env, ["--no-site"]);
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^error: src\/data\/exp6-scores\.arrow\.ts \(making data\/exp6-scores\.arrow\): experiment exp6 has no table "scoers"; it has scores, settings$/m
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});
