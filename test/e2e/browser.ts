// Finds the browsers the tests drive: Chromium with playwright-core, Firefox ESR with
// puppeteer-core over WebDriver BiDi (neither downloads a browser of its own).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {build} from "esbuild";
import {chromium, type Browser} from "playwright-core";
import puppeteer, {type Browser as PuppeteerBrowser} from "puppeteer-core";

/** The browser's binary: $`variable`, else the first candidate installed; else an error saying how to install it. */
function findBrowser(name: string, variable: string, debianPackage: string, candidates: string[]): string {
  const path = process.env[variable] ?? candidates.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new Error(
      `No ${name} found for the browser tests. Install Debian's package ` +
        `(sudo apt-get update && sudo apt-get install -y ${debianPackage}) or set ${variable} to a ${name} binary.`
    );
  }
  return path;
}

export const findChromium = () =>
  findBrowser("Chromium", "CHROMIUM_PATH", "chromium", [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome"
  ]);

export const findFirefox = () =>
  findBrowser("Firefox", "FIREFOX_PATH", "firefox-esr", ["/usr/bin/firefox-esr", "/usr/bin/firefox"]);

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
