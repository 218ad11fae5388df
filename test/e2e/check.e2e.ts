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

  it("fails on a page whose cell throws, naming the page, the cell and the message, and no other page", async () => {
    const copy = mkdtempSync(join(tmpdir(), "check-site-"));
    copies.push(copy);
    cpSync(site, copy, {recursive: true});
    const page = join(copy, "experiment-1.html");
    const html = readFileSync(page, "utf8");
    // A misspelled component name, as a contributor might type it.
    expect(html).toContain("barChart(digits");
    writeFileSync(page, html.replace("barChart(digits", "barChat(digits"));
    const {code, stderr} = await check(copy);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: page experiment-1 \(src\/experiment-1\.md\), cell [0-9a-f]{8}, under “[^”]+”: `[^`]*barChat\(digits[^`]*`: .*barChat is not defined$/m
    );
    expect(stderr).toContain(`check: 1 of ${pageCount(copy)} pages have errors`);
    expect(stderr).not.toContain("    at "); // a message, not a stack trace
  }, 300_000);
});
