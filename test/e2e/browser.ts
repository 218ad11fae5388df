// Finds the browsers the tests drive: Chromium with playwright-core, Firefox ESR with
// puppeteer-core over WebDriver BiDi (neither downloads a browser of its own).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {build} from "esbuild";
import {chromium, type Browser} from "playwright-core";
import puppeteer, {type Browser as PuppeteerBrowser} from "puppeteer-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new Error(
      "No Chromium found for the browser tests. Install Debian's package " +
        "(sudo apt-get update && sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary."
    );
  }
  return path;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  });
}

const FIREFOX_CANDIDATES = ["/usr/bin/firefox-esr", "/usr/bin/firefox"];

export function findFirefox(): string {
  const path = process.env.FIREFOX_PATH ?? FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new Error(
      "No Firefox found for the browser tests. Install Debian's package " +
        "(sudo apt-get update && sudo apt-get install -y firefox-esr) or set FIREFOX_PATH to a Firefox binary."
    );
  }
  return path;
}

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
