// Finds and starts the headless Chromium the project's own tools drive (npm run check, the
// page benchmarks) and the browser tests share, with playwright-core: it downloads no browser
// of its own, so Debian's package (or CHROMIUM_PATH) is used.
import {existsSync} from "node:fs";
import {chromium, type Browser} from "playwright-core";
import {SettingsError} from "./errors.js";

/** The browser's binary: $`variable`, else the first candidate installed; else an error saying how to install it. */
export function findBrowser(name: string, variable: string, debianPackage: string, candidates: string[]): string {
  const path = process.env[variable] ?? candidates.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new SettingsError(
      `No ${name} found. Install Debian's package ` +
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

/** Headless Chromium, started as every tool and test here starts it. */
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
