// The remembered MD5s of the MNIST files (.cache/build/dataset-md5.json) are a shortcut, not
// evidence: a wrong one makes the file be summed again, not refused.
import {spawnSync} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {FILES, OFFICIAL_MD5} from "../../data-loaders/dataset.js";
import {projectCopy} from "../fixtures.js";

/** Loads the dataset in the copy `dir` as the build does; its checksum on stdout. */
const load = (dir: string) =>
  spawnSync(
    process.execPath,
    [
      "--import",
      "tsx/esm",
      "--input-type=module",
      "-e",
      'const {loadDataset} = await import("./data-loaders/dataset.ts"); console.log(loadDataset().checksum);'
    ],
    {cwd: dir, env: {...process.env, MNIST_DIR: ""}, encoding: "utf8"}
  );

describe("the dataset's remembered MD5s", () => {
  it("a wrong remembered MD5 of a good file: the file is summed again and the record mended, not blamed", () => {
    const dir = projectCopy();
    const first = load(dir);
    expect(first.status, first.stderr).toBe(0);
    const sums = join(dir, ".cache", "build", "dataset-md5.json");
    const record = JSON.parse(readFileSync(sums, "utf8"));
    const images = Object.keys(record).find((path) => path.endsWith(FILES.trainImages))!;
    expect(record[images].md5).toBe(OFFICIAL_MD5[FILES.trainImages]);
    record[images].md5 = "0".repeat(32); // the stat still matches: the record is trusted
    writeFileSync(sums, JSON.stringify(record));

    const second = load(dir);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toContain("does not match the official");
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(readFileSync(sums, "utf8"))[images].md5).toBe(OFFICIAL_MD5[FILES.trainImages]);
  }, 120_000);
});
