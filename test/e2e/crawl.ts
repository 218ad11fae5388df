// Follows every link of the built site from its index, as a reader clicking through would, in
// Chromium: each page a link reaches is loaded, and every request it makes (scripts, styles,
// data, the worker) and every link it holds is checked. What a publisher needs to know: which
// URLs answer an error on a given server.
import type {Browser} from "playwright-core";

export interface CrawlResult {
  /** Every distinct URL of the site requested or linked. */
  urls: string[];
  /** Those that answered 400 or more, or failed, each with the page that asked for it. */
  broken: {url: string; status: number | string; from: string}[];
  /** The HTML pages reached. */
  pages: string[];
}

/** Crawls the site whose index is at `root` (no trailing slash), staying under it. */
export async function crawl(browser: Browser, root: string): Promise<CrawlResult> {
  const inSite = (url: string) => url.startsWith(`${root}/`) && !url.startsWith("blob:");
  const urls = new Set<string>();
  const broken: CrawlResult["broken"] = [];
  const pages: string[] = [];
  const queue = [`${root}/`];
  const queued = new Set(queue);
  const context = await browser.newContext();
  try {
    while (queue.length) {
      const address = queue.shift()!;
      const page = await context.newPage();
      page.on("response", (response) => {
        const url = response.url().split("#")[0];
        if (!inSite(url)) return;
        urls.add(url);
        if (response.status() >= 400) broken.push({url, status: response.status(), from: address});
      });
      page.on("requestfailed", (request) => {
        if (inSite(request.url()))
          broken.push({url: request.url(), status: request.failure()?.errorText ?? "failed", from: address});
      });
      const response = await page.goto(address, {waitUntil: "networkidle"});
      const html = response?.headers()["content-type"]?.includes("text/html") && (response?.status() ?? 500) < 400;
      if (html) {
        pages.push(address);
        const links = await page
          .locator("a[href]")
          .evaluateAll((anchors) =>
            (anchors as HTMLAnchorElement[])
              .filter((a) => a.getAttribute("href") !== "#")
              .map((a) => a.href.split("#")[0])
          );
        for (const link of links) {
          if (!inSite(link) || queued.has(link)) continue;
          queued.add(link);
          queue.push(link);
        }
      }
      await page.close();
    }
  } finally {
    await context.close();
  }
  return {urls: [...urls].sort(), broken, pages};
}
