// The browsers the tests drive: Chromium with playwright-core (started as the project's own
// tools start it, data-loaders/headless-browser.ts), Firefox ESR with puppeteer-core over
// WebDriver BiDi (neither downloads a browser of its own).
import {resolve} from "node:path";
import {build} from "esbuild";
import puppeteer, {type Browser as PuppeteerBrowser} from "puppeteer-core";
import {findBrowser} from "../../data-loaders/headless-browser.js";

export {findChromium, launch} from "../../data-loaders/headless-browser.js";

export const findFirefox = () =>
  findBrowser("Firefox", "FIREFOX_PATH", "firefox-esr", ["/usr/bin/firefox-esr", "/usr/bin/firefox"]);

/** Firefox, headless, driven by puppeteer-core over WebDriver BiDi. */
export function launchFirefox(): Promise<PuppeteerBrowser> {
  return puppeteer.launch({browser: "firefox", executablePath: findFirefox(), headless: true});
}

/** `source` (TypeScript importing the project's modules, paths from its root) bundled into one browser script. */
export async function browserScript(source: string): Promise<string> {
  const result = await build({
    stdin: {contents: source, resolveDir: resolve("."), loader: "ts"},
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false
  });
  return result.outputFiles[0].text;
}
