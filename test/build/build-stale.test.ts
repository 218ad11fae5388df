// The build's promise under attack: what an incremental build publishes is what a build from
// scratch would, whatever was edited (code reached in unusual ways, the dataset reader, a page
// that names a file only in a link), damaged (cached outputs, Framework's bundles) or touched.
import {createHash} from "node:crypto";
import {cpSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC, tableToIPC} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import {PROJECT_FILES} from "../../data-loaders/project-copy.js";
import {buildIn, projectCopy, smallMnistDir} from "../fixtures.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const cacheData = (dir: string) => join(dir, "src", ".observablehq", "cache", "data");

/** Columns that time the training: they differ between any two trainings of the same run. */
const TIMINGS = new Set(["seconds", "samplesPerSecond"]);

/**
 * Each loader output in a copy's Framework cache, by name, with its SHA-256 (of an Arrow
 * table, with its timing columns left out).
 */
function outputs(dir: string): Record<string, string> {
  const hash = (file: string) => {
    const bytes = readFileSync(join(cacheData(dir), file));
    if (!file.endsWith(".arrow")) return sha(bytes);
    const table = tableFromIPC(bytes);
    return sha(tableToIPC(table.select(table.schema.fields.map((f) => f.name).filter((n) => !TIMINGS.has(n)))));
  };
  return Object.fromEntries(
    readdirSync(cacheData(dir))
      .filter((f) => !f.includes(".tmp-"))
      .sort()
      .map((f) => [f, hash(f)])
  );
}

const edit = (dir: string, file: string, from: string, to: string) => {
  const path = join(dir, file);
  const source = readFileSync(path, "utf8");
  expect(source, `${file} no longer contains ${from}`).toContain(from);
  writeFileSync(path, source.replace(from, to));
};

/** A copy of `dir`'s sources (not its caches, store or site): the same edits, built from scratch. */
function sourcesOf(dir: string): string {
  const copy = projectCopy("mynn-scratch-");
  for (const name of PROJECT_FILES)
    cpSync(join(dir, name), join(copy, name), {recursive: true, filter: (source) => !source.includes(".observablehq")});
  return copy;
}

describe("incremental builds equal builds from scratch", () => {
  const env = {SEEDS: "1", TRAIN_LIMIT: "300"};
  let mnist: string;
  let dir: string;
  const build = (where: string, args = ["--no-site"]) => {
    const result = buildIn(where, {...env, MNIST_DIR: mnist}, args);
    expect(result.status, result.stderr).toBe(0);
    return result.stderr;
  };

  beforeAll(() => {
    mnist = smallMnistDir(10000, 1000); // the pages attach the first 10,000 training and 1,000 test images
    dir = projectCopy();
    // Training code reached by a multi-line import with an apostrophe and a semicolon in a comment.
    writeFileSync(join(dir, "lib", "pixel-scale.ts"), "export const PIXEL_SCALE = 0.99;\n");
    edit(
      dir,
      "lib/offset-images.ts",
      "export const pixelOffset = (pixel: number) => (pixel / 255) * 0.99;",
      'import {\n  // the book\'s scale; 0.99 keeps inputs below 1\n  PIXEL_SCALE\n} from "./pixel-scale.js";\nexport const pixelOffset = (pixel: number) => (pixel / 255) * PIXEL_SCALE;'
    );
    build(dir);
  }, 600_000);

  it("an edit to training code reached by an unusual import, then to the dataset reader: every run retrained, tables as from scratch", () => {
    edit(dir, "lib/pixel-scale.ts", "0.99", "0.98");
    const first = build(dir);
    expect(first).toMatch(/runs: (\d+) distinct; trained \1 /);
    // The dataset reader shapes what every run trains on, though the files' checksum is unchanged.
    edit(
      dir,
      "data-loaders/dataset.ts",
      "    return {set, sums: [md5(images), md5(labels)]};",
      // After the sums: the files' checksum stays the same, only what is trained on changes.
      "    const sums: [string, string] = [md5(images), md5(labels)];\n    set.pixels[300] = 255 - set.pixels[300];\n    return {set, sums};"
    );
    const second = build(dir);
    expect(second).toMatch(/runs: (\d+) distinct; trained \1 /);
    expect(second).toMatch(/exp2: \d+ files recomputed \(.*data-loaders\/dataset\.ts changed/);
    const scratch = sourcesOf(dir);
    build(scratch);
    expect(outputs(dir)).toEqual(outputs(scratch));
  }, 900_000);
});

describe("the published site follows every change", () => {
  const env = {SEEDS: "1", TRAIN_LIMIT: "300"};
  let mnist: string;
  let dir: string;
  const build = () => {
    const result = buildIn(dir, {...env, MNIST_DIR: mnist});
    expect(result.status, result.stderr).toBe(0);
    return result.stderr;
  };
  /** The bytes the site publishes for `name` (data/x.txt -> dist/_file/data/x.<hash>.txt). */
  const published = (name: string) => {
    const [, stem, extension] = /^(.*)(\.\w+)$/.exec(name)!;
    const folder = join(dir, "dist", "_file", stem.split("/").slice(0, -1).join("/"));
    const base = stem.split("/").at(-1)!;
    const file = readdirSync(folder).find((f) => f.startsWith(`${base}.`) && f.endsWith(extension));
    return file ? readFileSync(join(folder, file), "utf8") : undefined;
  };

  beforeAll(() => {
    mnist = smallMnistDir(10000, 1000);
    dir = projectCopy();
    // A file a page names only in a download link, made by a loader from a module of its own.
    writeFileSync(join(dir, "lib", "note-text.ts"), 'export const NOTE = "first";\n');
    writeFileSync(
      join(dir, "src", "data", "note.txt.ts"),
      'import {defineLoader} from "../../data-loaders/loader.js";\nimport {NOTE} from "../../lib/note-text.js";\n\nexport default defineLoader(import.meta.url, async () => new TextEncoder().encode(NOTE));\n'
    );
    writeFileSync(
      join(dir, "src", "index.md"),
      `${readFileSync(join(dir, "src", "index.md"), "utf8")}\n<a download href="data/note.txt">A note</a>\n`
    );
    build();
  }, 600_000);

  it("a file named only by <a download href> is made again when its loader's code changes", () => {
    expect(published("data/note.txt")).toBe("first");
    edit(dir, "lib/note-text.ts", '"first"', '"second"');
    const stderr = build();
    expect(stderr).toMatch(/note: 1 files recomputed \(lib\/note-text\.ts changed\)/);
    expect(published("data/note.txt")).toBe("second");
  }, 300_000);

  it("a truncated or garbage output in Framework's cache is made again, not published", () => {
    const cached = join(cacheData(dir), "exp2-settings.arrow");
    const good = readFileSync(cached);
    for (const damaged of [good.subarray(0, 100), Buffer.alloc(good.length, 7)]) {
      writeFileSync(cached, damaged);
      const stderr = build();
      expect(stderr).toMatch(
        /exp2: 1 files recomputed \(its cached file was damaged \(its bytes differ from when it was made\)\)/
      );
      expect(readFileSync(cached).equals(good)).toBe(true);
      const site = readdirSync(join(dir, "dist", "_file", "data")).find((f) => f.startsWith("exp2-settings."))!;
      expect(readFileSync(join(dir, "dist", "_file", "data", site)).equals(good)).toBe(true);
    }
  }, 300_000);

  it("touching a loader (a checkout, npm run dev) gives the pages the file times a build from scratch would", () => {
    const loader = join(dir, "src", "data", "[result].arrow.ts");
    const later = new Date(Math.floor(statSync(loader).mtimeMs) + 60_000);
    utimesSync(loader, later, later);
    build();
    // Framework writes each file's time into the page: from the loader's new time, as from scratch.
    const page = readFileSync(join(dir, "dist", "experiment-2.html"), "utf8");
    const [, time] = /registerFile\("\.\/data\/exp2-settings\.arrow", \{[^}]*"lastModified":(\d+)/.exec(page)!;
    // (Times pass through utimes as float seconds: a millisecond either way; the stale one was a minute older.)
    expect(Math.abs(Number(time) - later.getTime())).toBeLessThanOrEqual(2);
  }, 300_000);

  it("a damaged bundle in Framework's cache is made again", () => {
    const bundles = join(dir, "src", ".observablehq", "cache", "_node");
    const bundle = readdirSync(bundles, {recursive: true})
      .map(String)
      .find((f) => f.endsWith(".js") && f.includes("d3-array"))!;
    writeFileSync(join(bundles, bundle), "export const garbage = ;\n");
    edit(dir, "src/index.md", "# ", "# A ");
    const stderr = build();
    expect(stderr).toMatch(/site: Framework's bundles in .* changed since they were made; made again/);
    expect(readFileSync(join(bundles, bundle), "utf8")).not.toContain("garbage");
    expect(existsSync(join(dir, "dist", "index.html"))).toBe(true);
  }, 300_000);

  it("a page with a JavaScript syntax error or broken front matter is named on stderr, as are Framework's warnings", () => {
    writeFileSync(
      join(dir, "src", "experiment-1.md"),
      `${readFileSync(join(dir, "src", "experiment-1.md"), "utf8")}\n\`\`\`js\nconst broken = ;\n\`\`\`\n`
    );
    const page = join(dir, "src", "book.md");
    writeFileSync(
      page,
      `---\ntitle: [unclosed\n---\n${readFileSync(page, "utf8")}\n[A page that is not there](./no-such-page)\n`
    );
    const stderr = build();
    expect(stderr).toMatch(/pages: warning: src\/experiment-1\.md: SyntaxError: Unexpected token/);
    expect(stderr).toMatch(/pages: warning: src\/book\.md: Invalid front matter/);
    // Framework's own warnings, which its log printed among hundreds of lines nobody saw.
    expect(stderr).toMatch(/site: warning: .*1 broken link/);
  }, 300_000);
});
