// Follows every link of the built site from its index, as a reader clicking through would, in
// Chromium: each page a link reaches is loaded, every request it makes (scripts, styles, data)
// is checked, and so is every file a page or module registers for later (Framework's
// `"path":"./_file/..."`: data fetched on a click, the training worker, the MNIST slices) and
// the search index with its result links. What a publisher needs to know: which URLs answer an
// error on a given server, and whether any page reaches outside the path the site is served under.
import type {Browser} from "playwright-core";

export interface CrawlResult {
  /** Every distinct URL of the site requested, linked or registered. */
  urls: string[];
  /** Those that answered 400 or more, failed, or lie outside the site's path, each with the page or file that named it. */
  broken: {url: string; status: number | string; from: string}[];
  /** The HTML pages reached. */
  pages: string[];
  /** Exceptions thrown in a page, and cells that rendered as errors. */
  errors: string[];
}

/** A file a page or module registers (Framework's FileAttachment), relative to that page or module. */
const REGISTERED = /"path":"(\.{1,2}\/[^"]+)"/g;

/** Crawls the site whose index is at `root` (no trailing slash): pages under it, and every same-origin URL they touch. */
export async function crawl(browser: Browser, root: string): Promise<CrawlResult> {
  const origin = new URL(root).origin;
  const inSite = (url: string) => url.startsWith(`${root}/`);
  const sameOrigin = (url: string) => url.startsWith(`${origin}/`);
  const urls = new Set<string>();
  const broken: CrawlResult["broken"] = [];
  const errors: string[] = [];
  const pages: string[] = [];
  const registered = new Map<string, string>(); // file -> the page or module that names it
  const queue = [`${root}/`];
  const queued = new Set(queue);
  const follow = (link: string) => {
    if (!inSite(link) || queued.has(link)) return;
    queued.add(link);
    queue.push(link);
  };
  const context = await browser.newContext();
  try {
    while (queue.length) {
      const address = queue.shift()!;
      const page = await context.newPage();
      const scans: Promise<void>[] = [];
      page.on("response", (response) => {
        const url = response.url().split("#")[0];
        if (!sameOrigin(url)) return;
        urls.add(url);
        if (!inSite(url)) broken.push({url, status: "outside the site's path", from: address});
        else if (response.status() >= 400) broken.push({url, status: response.status(), from: address});
        else if (/html|javascript/.test(response.headers()["content-type"] ?? ""))
          scans.push(
            response.text().then(
              (text) => {
                for (const [, path] of text.matchAll(REGISTERED)) registered.set(new URL(path, url).href, url);
              },
              () => {}
            )
          );
      });
      page.on("requestfailed", (request) => {
        if (sameOrigin(request.url()))
          broken.push({url: request.url(), status: request.failure()?.errorText ?? "failed", from: address});
      });
      page.on("pageerror", (error) => errors.push(`${address}: ${error.message}`));
      const response = await page.goto(address, {waitUntil: "networkidle"});
      const html = response?.headers()["content-type"]?.includes("text/html") && (response?.status() ?? 500) < 400;
      if (html) {
        pages.push(address);
        const cells = await page.locator(".observablehq--error").count();
        if (cells) errors.push(`${address}: ${cells} cells rendered as errors`);
        const links = await page
          .locator("a[href]")
          .evaluateAll((anchors) =>
            (anchors as HTMLAnchorElement[])
              .filter((a) => a.getAttribute("href") !== "#" && !a.href.startsWith("blob:"))
              .map((a) => a.href.split("#")[0])
          );
        for (const link of links) {
          if (!inSite(link)) {
            if (sameOrigin(link)) broken.push({url: link, status: "outside the site's path", from: address});
            continue;
          }
          follow(link);
        }
        if (pages.length === 1) {
          // The search index loads when the reader searches; its results are links too.
          await page.locator("#observablehq-search input").fill("experiment");
          await page.waitForSelector("#observablehq-search-results a");
          const found = await page
            .locator("#observablehq-search-results a")
            .evaluateAll((anchors) => (anchors as HTMLAnchorElement[]).map((a) => a.href.split("#")[0]));
          for (const link of found) follow(link);
        }
      }
      await Promise.all(scans);
      await page.close();
    }
    for (const [url, from] of registered) {
      urls.add(url);
      if (!inSite(url)) {
        broken.push({url, status: "outside the site's path", from});
        continue;
      }
      const response = await context.request.get(url);
      if (response.status() >= 400) broken.push({url, status: response.status(), from});
    }
  } finally {
    await context.close();
  }
  return {urls: [...urls].sort(), broken, pages, errors};
}
