// The loaders in src/data/ and the pages agree: every file a page attaches has a loader
// (test/build/table-names.test.ts checks the experiments' tables against them).
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {experiments} from "../data-loaders/experiments/index.js";
import {attachedFiles, findLoader} from "../data-loaders/loader-outputs.js";
import {readSettings} from "../data-loaders/settings.js";

describe("loaders", () => {
  it("every file a page attaches is made by a loader in src/data/", () => {
    const files = attachedFiles();
    expect(files.length).toBeGreaterThan(Object.keys(experiments).length);
    for (const name of files) expect(findLoader(name), name).toBeDefined();
  });

  it("finds files named by pages and by modules, each relative to the file naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "attached-"));
    mkdirSync(join(dir, "components"));
    writeFileSync(join(dir, "page.md"), '```js\nFileAttachment("data/b.arrow")\n```\n');
    writeFileSync(join(dir, "components", "data.ts"), 'const f = FileAttachment("../data/a.idx.gz");');
    expect(attachedFiles(dir)).toEqual(["data/a.idx.gz", "data/b.arrow"]);
    rmSync(dir, {recursive: true});
  });

  it("every table an experiment declares is attached by a page, so no learning rate of Experiment 5's files is missed", () => {
    // Framework needs file names written out, so experiment-5.md lists one file per rate; the
    // experiment list is the source of truth for which rates there are.
    const attached = new Set(attachedFiles());
    const settings = readSettings({});
    for (const experiment of Object.values(experiments))
      for (const name of experiment.tableNames(settings))
        expect(attached.has(`data/${experiment.id}-${name}.arrow`), `${experiment.id}-${name}`).toBe(true);
  });

  it("matches parameterized loaders as Framework does, exact names first", () => {
    expect(findLoader("data/exp5-backquery-0.1.arrow")).toMatchObject({params: {lr: "0.1"}});
    expect(findLoader("data/exp5-backquery.arrow")).toMatchObject({params: {}});
    expect(findLoader("data/mnist-test-images-1000.idx.gz")).toMatchObject({params: {part: "test-images-1000"}});
    expect(findLoader("data/no-such-file.arrow")).toBeUndefined();
  });
});
