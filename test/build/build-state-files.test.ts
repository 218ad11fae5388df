// The build's memory (.cache/build/*.json) damaged into JSON of the wrong shape: each file is
// named once, read as empty and written anew; the build neither fails with a TypeError nor
// retrains, and the next build is quiet again.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {buildIn, projectCopy} from "../fixtures.js";

const env = {SEEDS: "1", TRAIN_LIMIT: "400", WORKERS: "2"};
const complaint = /^build: (\.cache\/build\/[\w-]+\.json) (.*)$/gm;
const complaints = (stderr: string) => [...stderr.matchAll(complaint)].map(([, file, problem]) => `${file} ${problem}`);

describe("build state files of the wrong shape", () => {
  let dir: string;
  const state = (name: string) => join(dir, ".cache", "build", name);

  beforeAll(() => {
    dir = projectCopy();
    const first = buildIn(dir, env);
    expect(first.status, first.stderr).toBe(0);
    expect(complaints(first.stderr)).toEqual([]); // none there yet: missing files are no fault
  }, 600_000);

  it("are each named once, treated as empty and rewritten; nothing is retrained", () => {
    const bad: Record<string, string> = {
      "outputs.json": "null",
      "site.json": "[]",
      "verified-runs.json": "42",
      "dataset-md5.json": JSON.stringify({"/some/file": {stat: 1, md5: 2}}) // fields of the wrong type
    };
    for (const [name, text] of Object.entries(bad)) writeFileSync(state(name), text);
    const second = buildIn(dir, env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/TypeError|^\s+at /m);
    expect(second.stderr).toMatch(/^runs: \d+ distinct; trained 0 /m);
    expect(complaints(second.stderr).sort()).toEqual([
      ".cache/build/dataset-md5.json was not a valid build state (expected an object of file sums); rebuilt",
      ".cache/build/outputs.json was not a valid build state (expected an object of output records); rebuilt",
      ".cache/build/site.json was not a valid build state (expected an object of site records); rebuilt",
      ".cache/build/verified-runs.json was not a valid build state (expected an object of file stamps); rebuilt"
    ]);
    for (const name of Object.keys(bad)) {
      const value = JSON.parse(readFileSync(state(name), "utf8"));
      expect(typeof value === "object" && value !== null && !Array.isArray(value), name).toBe(true);
    }

    writeFileSync(state("outputs.json"), '{"data/x.arrow": {"fingerprint": '); // cut short
    const third = buildIn(dir, env);
    expect(third.status, third.stderr).toBe(0);
    expect(complaints(third.stderr)).toEqual([".cache/build/outputs.json was not valid JSON; rebuilt"]);

    const fourth = buildIn(dir, env);
    expect(fourth.status, fourth.stderr).toBe(0);
    expect(complaints(fourth.stderr)).toEqual([]);
    expect(fourth.stderr).toMatch(/^site: nothing changed/m);
  }, 600_000);
});
