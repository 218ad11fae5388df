// What every browser test of the built site shares: where the site and the screenshots are,
// and a Chromium plus a static server on 127.0.0.1 for the test file's lifetime.
import {existsSync, mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterEach, expect} from "vitest";
import {useBrowserOn} from "./browser-on.js";

export const site = resolve(process.env.SITE_DIR ?? "dist");
if (!existsSync(join(site, "index.html"))) {
  throw new Error(`${site} holds no built site: run \`npm run build\` first (or set SITE_DIR)`);
}
export const shots = resolve("test-results");
mkdirSync(shots, {recursive: true});

/** Starts the browser and a server of the built site before the file's tests, and stops them after. */
export const useBuiltSite = () => useBrowserOn(() => site);

/**
 * Opens pages of the built site that record console errors, page errors and requests to any
 * host but the local server; each test ends by closing them and checking there were none.
 */
export function useCheckedPages(built: {readonly browser: Browser; readonly url: string}) {
  let opened: {page: Page; problems: string[]}[] = [];
  afterEach(async () => {
    const problems = opened.flatMap((o) => o.problems);
    for (const o of opened) await o.page.close();
    opened = [];
    expect(problems).toEqual([]);
  });
  return async function open(path: string, width = 1280): Promise<Page> {
    const page = await built.browser.newPage({viewport: {width, height: 900}, acceptDownloads: true});
    const problems: string[] = [];
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(built.url) && !/^(data|blob):/.test(url)) problems.push(`request to ${url}`);
    });
    opened.push({page, problems});
    await page.goto(`${built.url}/${path}`, {waitUntil: "networkidle"});
    return page;
  };
}
