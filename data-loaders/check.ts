// npm run check [-- --no-build | --site DIR]
// Builds the report (incremental: seconds when nothing changed), then loads every page of the
// built site in headless Chromium and fails, naming the page, the cell and the message, if
// any page shows an error: a cell that throws (Framework writes the error in its place), an
// uncaught exception, an error logged to the console, or a file the page asks for that is
// missing. What the browser tests do in minutes, for the one question "does every page run?".
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import type {Browser} from "playwright-core";
import {parseCommandLine, runCommand, UsageError} from "./errors.js";
import {launch} from "./headless-browser.js";
import {serve} from "./static-server.js";

const USAGE = "usage: npm run check [-- --no-build | --site DIR]";

/** How long a page may take to finish its cells (those still showing Framework's loading marker). */
const LOAD_TIMEOUT_MS = 60_000;

/** One problem found on a page, as the report prints it. */
export interface PageProblem {
  /** The page's path in the site, e.g. "experiment-1". */
  page: string;
  /** The cell it came from ("cell 6ce6102c, under “Heading”: `first line`"), or null if none is known. */
  cell: string | null;
  message: string;
}

/** Every page of the built site: its .html files (not Framework's 404 page), as clean paths. */
export function sitePages(site: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name.startsWith("_")) continue; // Framework's own files, attachments and imports
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html") && path !== join(site, "404.html"))
        pages.push(
          relative(site, path)
            .replace(/\.html$/, "")
            .replace(/\\/g, "/")
        );
    }
  };
  walk(site);
  return pages;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A cell of a built page: Framework's `define({id, ..., body})`, with the lines it spans in the page's HTML. */
interface CellSource {
  id: string;
  /** 1-based lines of the page's HTML, first and last, as a browser's stack traces count them. */
  from: number;
  to: number;
  /** The cell's first line of code (an inline ${...} expression without Framework's display wrapper). */
  code: string;
}

/** The cells of a built page, in order. */
function cellSources(html: string): CellSource[] {
  const cells: CellSource[] = [];
  for (const match of html.matchAll(/define\(\{id: "([0-9a-f]{8}(?:-\d+)?)"[^\n]*body: [^\n]*\n([\s\S]*?)\n\}\}\);/g)) {
    const from = html.slice(0, match.index).split("\n").length;
    const lines = match[2].split("\n");
    const code = lines.find((l) => l.trim() && !/^display\(await\($/.test(l.trim()))?.trim() ?? "";
    cells.push({id: match[1], from, to: from + lines.length + 1, code});
  }
  return cells;
}

/** In the page: the heading above the cell whose root (Framework's comment <!--:id:-->) has this id. */
const HEADING_ABOVE = `(id) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  let root = null;
  while (walker.nextNode()) if (walker.currentNode.data === ":" + id + ":") root = walker.currentNode;
  let heading = null;
  for (const h of document.querySelectorAll("#observablehq-main h1, #observablehq-main h2, #observablehq-main h3"))
    if (root && h.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h.textContent.trim();
  return heading;
}`;

/** In the page: each error Framework displays in place of a cell, with the cell's id. */
const DISPLAYED_ERRORS = `(() => {
  const found = [];
  for (const error of document.querySelectorAll(".observablehq--error")) {
    let node = error;
    while (node && !(node.nodeType === 8 && /^:[0-9a-f]{8}(?:-\\d+)?:$/.test(node.data))) node = node.nextSibling;
    found.push({id: node ? node.data.slice(1, -1) : null, message: error.textContent.trim()});
  }
  return found;
})()`;

/** Loads one page and returns what went wrong on it (empty if nothing). */
async function checkPage(browser: Browser, url: string, site: string, page: string): Promise<PageProblem[]> {
  const html = readFileSync(join(site, `${page}.html`), "utf8");
  const cells = cellSources(html);
  const lines = html.split("\n");
  const found: {message: string; cell: CellSource | null; line: string | null}[] = [];
  const add = (message: string, cell: CellSource | null = null, line: string | null = null) => {
    if (!found.some((p) => p.message === message && p.cell === cell)) found.push({message, cell, line});
  };
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const tab = await context.newPage();
  /** The line of this page a stack trace points to first, if any (1-based, as in its HTML). */
  const lineIn = (stack: string) => {
    const at = new RegExp(`${escapeRegExp(`${url}/${page}`)}(?:\\.html)?:(\\d+):\\d+`).exec(stack);
    return at ? Number(at[1]) : 0;
  };
  const cellAt = (lineNumber: number) => cells.find((c) => c.from <= lineNumber && lineNumber <= c.to) ?? null;
  // An error thrown outside a cell's own evaluation (in a resize, a timer, a listener) is not
  // displayed by Framework; its stack names the line of the page it came from.
  tab.on("pageerror", (error) => {
    const lineNumber = lineIn(error.stack ?? "");
    const cell = cellAt(lineNumber);
    add(`uncaught ${error.name}: ${error.message}`, cell, cell ? lines[lineNumber - 1].trim() : null);
  });
  tab.on("response", (response) => {
    if (response.status() >= 400 && response.url().startsWith(url))
      add(`${response.url().slice(url.length)} could not be loaded (HTTP ${response.status()})`);
  });
  const logged: string[] = [];
  tab.on("console", (message) => {
    if (message.type() === "error") logged.push(message.text());
  });
  const problems: PageProblem[] = [];
  try {
    let loaded = true;
    await tab.goto(`${url}/${page}`, {waitUntil: "networkidle", timeout: LOAD_TIMEOUT_MS}).catch((error: Error) => {
      loaded = false;
      add(`did not load: ${error.message.split("\n")[0]}`);
    });
    if (loaded)
      await tab
        .waitForFunction(() => !document.querySelector("observablehq-loading"), null, {timeout: LOAD_TIMEOUT_MS})
        .catch(() => add(`still loading after ${LOAD_TIMEOUT_MS / 1000} s`));
    await tab.waitForTimeout(300); // errors a cell's follow-up work (a timer, a resize) throws just after
    const displayed = (await tab.evaluate(DISPLAYED_ERRORS)) as {id: string | null; message: string}[];
    // Framework shows a failed cell's error in every cell that depends on it too (as a
    // RuntimeError with the same message), wherever they stand on the page: report the cell
    // the logged stack points into (Framework logs each error with its stack), else the first,
    // and count the others.
    const bare = (message: string) => message.replace(/^\w*Error: /, "");
    for (const message of new Set(displayed.map((d) => bare(d.message)))) {
      const showing = displayed.filter((d) => bare(d.message) === message);
      const lineNumber =
        logged
          .filter((text) => text.includes(message))
          .map(lineIn)
          .find((n) => n > 0) ?? 0;
      const thrower = cellAt(lineNumber);
      const source = showing.find((d) => d.id === thrower?.id) ?? showing[0];
      const cell = cells.find((c) => c.id === source.id) ?? null;
      const more = showing.length - 1;
      add(
        source.message + (more ? ` (and in ${more} cell${more === 1 ? "" : "s"} that depend on it)` : ""),
        cell,
        cell && thrower === cell ? lines[lineNumber - 1].trim() : null
      );
    }
    for (const text of logged)
      if (
        !displayed.some((d) => bare(d.message) && text.includes(bare(d.message))) &&
        !found.some((f) => text.includes(f.message.replace(/^uncaught /, "").replace(/^\w*Error: /, ""))) &&
        !/Failed to load resource/.test(text)
      )
        add(`console error: ${text.split("\n")[0]}`);
    for (const {message, cell, line} of found) {
      const heading = cell && ((await tab.evaluate(`(${HEADING_ABOVE})(${JSON.stringify(cell.id)})`)) as string | null);
      const code = (line ?? cell?.code ?? "").slice(0, 100);
      problems.push({
        page,
        cell: cell && `cell ${cell.id}${heading ? `, under “${heading}”` : ""}${code ? `: \`${code}\`` : ""}`,
        message
      });
    }
  } finally {
    await context.close();
  }
  return problems;
}

/** Loads every page of `site` and returns the problems found, in page order; progress on stderr. */
export async function checkSite(site: string): Promise<PageProblem[]> {
  const pages = sitePages(site);
  if (pages.length === 0) throw new UsageError(`${site} has no pages: build the report first (npm run build)`);
  const server = await serve(site);
  const browser = await launch();
  const problems: PageProblem[] = [];
  try {
    for (const [i, page] of pages.entries()) {
      process.stderr.write(`check: ${i + 1}/${pages.length} ${page}\n`);
      problems.push(...(await checkPage(browser, server.url, site, page)));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return problems;
}

async function main(args: string[]): Promise<number> {
  const {values} = parseCommandLine({
    args,
    options: {site: {type: "string"}, "no-build": {type: "boolean", default: false}}
  });
  // --site names a built folder to check as it is; otherwise the report is built first.
  const site = resolve(values.site ?? process.env.SITE_OUTPUT ?? "dist");
  if (!values.site && !values["no-build"]) {
    const build = spawnSync(process.execPath, ["--import", "tsx/esm", "data-loaders/build.ts"], {stdio: "inherit"});
    if (build.status !== 0) return build.status ?? 1;
  }
  if (!existsSync(site)) throw new UsageError(`${site} does not exist: build the report first (npm run build)`);
  const started = performance.now();
  const problems = await checkSite(site);
  const pages = sitePages(site).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (problems.length === 0) {
    process.stderr.write(`check: all ${pages} pages load without an error (${seconds} s)\n`);
    return 0;
  }
  for (const p of problems)
    process.stderr.write(`error: page ${p.page} (src/${p.page}.md)${p.cell ? `, ${p.cell}` : ""}: ${p.message}\n`);
  const failing = new Set(problems.map((p) => p.page)).size;
  process.stderr.write(`check: ${failing} of ${pages} pages have errors (${seconds} s)\n`);
  return 1;
}

await runCommand(
  () => main(process.argv.slice(2)),
  (usageError) => (usageError ? `\n${USAGE}` : "")
);
