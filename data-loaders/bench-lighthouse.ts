// npm run bench -- --lighthouse [--runs N] [--json]
// Lighthouse (the npm package, driving Debian's Chromium) on the built site served from
// 127.0.0.1: the accessibility, best-practices, SEO and performance scores of the index,
// Experiment 2 and the model page, with Lighthouse's default mobile emulation and throttling.
// The run with the median performance score of --runs (default 3) per page.
// Targets (issue "Readable by everyone"): accessibility >= 95, best practices 100, SEO >= 90,
// performance >= 80. A benchmark, not a test: the scores vary a little from run to run.
import {resolve} from "node:path";
import {launch as launchChrome} from "chrome-launcher";
import lighthouse from "lighthouse";
import {findChromium} from "./headless-browser.js";
import {serve} from "./static-server.js";

const PAGES = ["index.html", "experiment-2.html", "model.html"];
const CATEGORIES = ["accessibility", "best-practices", "seo", "performance"] as const;

export interface LighthouseFigures {
  page: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that failed in the first three categories, by id, for finding what to fix. */
  failed: string[];
  /** First and largest contentful paint and speed index, ms (simulated slow 4G, 4x slower CPU). */
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  speedIndexMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
}

/**
 * Runs Lighthouse `runs` times per page of `PAGES` on the site in `site` and keeps the run
 * with the median performance score (Lighthouse's own advice for its run-to-run variance);
 * scores are 0-100.
 */
export async function benchLighthouse({json = false, site = "dist", runs = 3} = {}): Promise<LighthouseFigures[]> {
  const server = await serve(resolve(site));
  const chrome = await launchChrome({
    chromePath: findChromium(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
  });
  const figures: LighthouseFigures[] = [];
  try {
    for (const page of PAGES) {
      const loads: LighthouseFigures[] = [];
      for (let run = 1; run <= runs; run++) {
        process.stderr.write(`bench: lighthouse ${page} (${run} of ${runs})\n`);
        loads.push(await audit(page));
      }
      loads.sort((a, b) => a.scores.performance - b.scores.performance);
      figures.push(loads[loads.length >> 1]);
    }
  } finally {
    chrome.kill();
    await server.close();
  }

  async function audit(page: string): Promise<LighthouseFigures> {
    const result = await lighthouse(`${server.url}/${page}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES]
    });
    if (!result) throw new Error(`lighthouse gave no result for ${page}`);
    const {categories, audits} = result.lhr;
    const failed = CATEGORIES.slice(0, 3).flatMap((c) =>
      categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score! < 1)
        .map((ref) => `${c}/${ref.id}`)
    );
    return {
      page,
      scores: Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.round((categories[c].score ?? 0) * 100)])
      ) as LighthouseFigures["scores"],
      failed,
      firstContentfulPaintMs: Math.round(audits["first-contentful-paint"].numericValue ?? 0),
      largestContentfulPaintMs: Math.round(audits["largest-contentful-paint"].numericValue ?? 0),
      speedIndexMs: Math.round(audits["speed-index"].numericValue ?? 0),
      totalBlockingTimeMs: Math.round(audits["total-blocking-time"].numericValue ?? 0),
      cumulativeLayoutShift: Number((audits["cumulative-layout-shift"].numericValue ?? 0).toFixed(3))
    };
  }
  if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  else {
    console.log("page                 a11y  best-pr.  SEO  perf     FCP      LCP       SI     TBT    CLS");
    for (const f of figures)
      console.log(
        `${f.page.padEnd(20)} ${String(f.scores.accessibility).padStart(4)}  ${String(f.scores["best-practices"]).padStart(8)}  ${String(f.scores.seo).padStart(3)}  ${String(f.scores.performance).padStart(4)}  ${[f.firstContentfulPaintMs, f.largestContentfulPaintMs, f.speedIndexMs, f.totalBlockingTimeMs].map((ms) => `${(ms / 1000).toFixed(1)} s`.padStart(7)).join("  ")}  ${f.cumulativeLayoutShift.toFixed(3)}`
      );
    for (const f of figures) if (f.failed.length) console.log(`${f.page}: failed ${f.failed.join(", ")}`);
  }
  return figures;
}
