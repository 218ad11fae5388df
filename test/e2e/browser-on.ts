// A Chromium and a static server on 127.0.0.1 of a built site, for a test file's lifetime: the
// browser tests' (built-site.ts) and a build test's own site (test/build/small-dataset.test.ts).
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {serve} from "../../data-loaders/static-server.js";
import {launch} from "./browser.js";

/**
 * Starts the browser and a server of `root()` (read when the tests start: the built site, or a
 * site a test built in its own beforeAll) before the file's tests, and stops them after.
 */
export function useBrowserOn(root: () => string): {readonly browser: Browser; readonly url: string} {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    browser = await launch();
    server = await serve(root());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll: use it inside a test");
      return browser;
    },
    get url() {
      if (!server) throw new Error("the server starts in beforeAll: use it inside a test");
      return server.url;
    }
  };
}
