// The loaders in src/data/ and the pages agree: every file a page attaches has a loader
// (test/build/table-names.test.ts checks the experiments' tables against them).
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {experiments} from "../data-loaders/experiments/index.js";
import {findLoader} from "../data-loaders/loader-files.js";
import {projectRoot} from "../data-loaders/module-graph.js";
import {type PageScan, startRenderer} from "../data-loaders/renderer.js";
import {tableNames} from "../data-loaders/experiments/experiment.js";
import {tempDir} from "./fixtures.js";

/** The files the pages of the project in `cwd` name, and their problems, as Framework reads them. */
async function scan(cwd?: string): Promise<PageScan> {
  const renderer = startRenderer(cwd);
  try {
    return await renderer.pages();
  } finally {
    renderer.cancel();
  }
}

describe("loaders", () => {
  it("every file a page attaches is made by a loader in src/data/", async () => {
    const files = Object.keys((await scan()).files);
    expect(files.length).toBeGreaterThan(Object.keys(experiments).length);
    for (const name of files) expect(findLoader(name), name).toBeDefined();
  });

  it("finds files named in every way Framework accepts, each relative to the file naming it, and the pages' problems", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "src", "components"), {recursive: true});
    symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules")); // Framework's imports, offline
    writeFileSync(
      join(dir, "src", "page.md"),
      [
        "# Page",
        '```js\nFileAttachment("data/double.bin")\n```',
        "```js\nFileAttachment('data/single.bin')\n```",
        "```js\nFileAttachment(`data/backtick.bin`)\n```",
        '```js\nimport {f} from "./components/data.js";\n```',
        '<a download href="data/download.csv">data</a>',
        '<img src="data/picture.png" alt="">',
        "```js\nconst x = ;\n```"
      ].join("\n\n")
    );
    writeFileSync(
      join(dir, "src", "components", "data.js"),
      'import {FileAttachment} from "observablehq:stdlib";\nexport const f = FileAttachment("../data/module.json");\n'
    );
    writeFileSync(join(dir, "src", "broken.md"), "---\ntitle: [unclosed\n---\n\n# Broken\n");
    const {files, problems} = await scan(dir);
    expect(Object.keys(files).sort()).toEqual([
      "data/backtick.bin",
      "data/double.bin",
      "data/download.csv",
      "data/module.json",
      "data/picture.png",
      "data/single.bin"
    ]);
    expect(files["data/download.csv"]).toEqual(["src/page.md"]);
    expect(problems).toEqual([
      expect.stringMatching(/^src\/broken\.md: Invalid front matter/),
      expect.stringMatching(/^src\/page\.md: SyntaxError: Unexpected token/)
    ]);
  });

  it("every table an experiment declares is attached by a page, so no learning rate of Experiment 5's files is missed", async () => {
    // Framework needs file names written out, so experiment-5.md lists one file per rate; the
    // experiment list is the source of truth for which rates there are.
    const attached = new Set(Object.keys((await scan()).files));
    // A "headline" table reaches the index through data/experiments.json.
    for (const experiment of Object.values(experiments))
      for (const name of tableNames(experiment).filter((name) => name !== "headline"))
        expect(attached.has(`data/${experiment.id}-${name}.arrow`), `${experiment.id}-${name}`).toBe(true);
  });

  it("matches parameterized loaders as Framework does, exact names first", () => {
    expect(findLoader("data/exp5-backquery-0.1.arrow")).toMatchObject({params: {result: "exp5-backquery-0.1"}});
    expect(findLoader("data/exp5-backquery.arrow")).toMatchObject({params: {result: "exp5-backquery"}});
    expect(findLoader("data/mnist-test-images-1000.idx.gz")).toMatchObject({params: {part: "test-images-1000"}});
    expect(findLoader("data/no-such-file.csv")).toBeUndefined();
    // An exact loader before [result].arrow.ts, and a file that is there as it is before any loader.
    expect(findLoader("data/dataset.arrow")).toMatchObject({
      loader: expect.stringMatching(/dataset\.arrow\.ts$/),
      params: {}
    });
    const src = tempDir();
    mkdirSync(join(src, "data"));
    writeFileSync(join(src, "data", "reference.arrow"), "");
    writeFileSync(join(src, "data", "[result].arrow.ts"), "");
    expect(findLoader("data/reference.arrow", src)).toBeUndefined();
    expect(findLoader("data/exp1-summary.arrow", src)).toMatchObject({params: {result: "exp1-summary"}});
  });
});
