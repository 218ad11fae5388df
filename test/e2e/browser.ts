// Finds a Chromium to drive with playwright-core (which downloads no browser of its own).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {build} from "esbuild";
import {chromium, type Browser} from "playwright-core";

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
