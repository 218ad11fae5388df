// `npm run check` (data-loaders/check.ts): passes on the built site, and fails on a copy of it
// in which one page's cell throws, naming that page, the cell and the message.
import {execFile} from "node:child_process";
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {afterAll, describe, expect, it} from "vitest";
import {site} from "./built-site.js";

const run = promisify(execFile);

/** Runs the check on `folder` as it is; its exit code and stderr. */
async function check(folder: string): Promise<{code: number; stderr: string}> {
  try {
    const {stderr} = await run(process.execPath, ["--import", "tsx/esm", "data-loaders/check.ts", "--site", folder]);
    return {code: 0, stderr};
  } catch (error) {
    const {code, stderr} = error as {code: number; stderr: string};
    return {code, stderr};
  }
}

/** The site's pages as the check counts them: every .html file but Framework's 404 page. */
const pageCount = (folder: string) =>
  readdirSync(folder, {recursive: true, encoding: "utf8"}).filter(
    (f) => f.endsWith(".html") && f !== "404.html" && !f.startsWith("_")
  ).length;

describe("npm run check", () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const copy of copies) rmSync(copy, {recursive: true, force: true});
  });

  it("passes on the built site, counting every page", async () => {
    const {code, stderr} = await check(site);
    expect(stderr).toContain(`check: all ${pageCount(site)} pages load without an error`);
    expect(code).toBe(0);
  }, 300_000);

  it("fails on pages whose cells throw, naming each page, the cell and the message, and no other page", async () => {
    const copy = mkdtempSync(join(tmpdir(), "check-site-"));
    copies.push(copy);
    cpSync(site, copy, {recursive: true});
    const edit = (page: string, from: string, to: string) => {
      const file = join(copy, `${page}.html`);
      const html = readFileSync(file, "utf8");
      expect(html).toContain(from);
      writeFileSync(file, html.replace(from, to));
    };
    // A misspelled component name where the chart is drawn (in resize's callback: uncaught).
    edit("experiment-1", "barChart(digits", "barChat(digits");
    // A cell that throws while it runs: Framework shows the error in its place and in every cell that depends on it.
    edit("experiment-2", "const best = ", "const best = undefinedThing + ");
    const {code, stderr} = await check(copy);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: page experiment-1 \(src\/experiment-1\.md\), cell [0-9a-f]{8}(-\d+)?, under “[^”]+”: `[^`]*barChat\(digits[^`]*`: .*barChat is not defined$/m
    );
    expect(stderr).toMatch(
      /^error: page experiment-2 \(src\/experiment-2\.md\), cell [0-9a-f]{8}(-\d+)?[^`]*: `const best = undefinedThing \+ [^`]*`: ReferenceError: undefinedThing is not defined \(and in \d+ cells? that depend on it\)$/m
    );
    expect(stderr.match(/^error: /gm)).toHaveLength(2); // one line per cell that threw, not per cell that shows it
    expect(stderr).toContain(`check: 2 of ${pageCount(copy)} pages have errors`);
    expect(stderr).not.toContain("    at "); // a message, not a stack trace
  }, 300_000);
});
