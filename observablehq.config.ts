// Observable Framework configuration. The site must work offline: no Google Fonts
// (globalStylesheets: []), no CDN imports (pages import from node_modules explicitly). It must
// work on any static file server, under any path: links keep their .html (preserveExtension),
// since a plain server (python3 -m http.server, S3, GitHub Pages' folders) has no clean URLs.

import {experiments} from "./data-loaders/experiments/index.js";

// An empty icon: no request for /favicon.ico. Then what a reader whose browser cannot run
// the pages' scripts gets, above the text: with JavaScript off, a sentence written by CSS (a
// <noscript> in the head may hold only styles); in a browser older than the pages' code needs
// (Framework's client uses ??=, the pages Array.prototype.at and Object.hasOwn: Chrome and
// Edge 93, Firefox 92, Safari 15.4), a classic script, which any browser runs, finds what is
// missing and writes the sentence. Keep it ES5: it must parse where nothing else does.
// The first script marks the page as loading for its first 3 s: while it is, what follows a
// block still loading waits unseen, so the page does not jump (src/style.css), and each cell
// runs in a task of its own (data-loaders/page-template.ts); without JavaScript nothing is hidden.
const HEAD = `<link rel="icon" href="data:,">
<script>document.documentElement.className += " mynn-loading"; setTimeout(function () { document.documentElement.className = document.documentElement.className.replace(/ ?mynn-loading/g, ""); }, 3000);</script>
<noscript><style>#observablehq-main::before { content: "This report draws its charts and runs its network with JavaScript, which is turned off in this browser: the text is here, the charts and numbers are not."; display: block; padding: 0.5rem 1rem; border-left: 4px solid var(--theme-foreground-focus); }</style></noscript>
<script>(function () {
  var ok = !![].at && !!Object.hasOwn;
  try { Function("var a; a ??= 1;"); } catch (e) { ok = false; }
  if (ok) return;
  document.addEventListener("DOMContentLoaded", function () {
    var p = document.createElement("p");
    p.id = "browser-too-old";
    p.className = "warning";
    p.textContent = "This browser is too old to run the report's charts: they need Chrome or Edge 93, Firefox 92 or Safari 15.4 (2021-2022) or later. The text is here; the charts, numbers and training are not.";
    var main = document.getElementById("observablehq-main");
    if (main) main.insertBefore(p, main.firstChild);
  });
})();</script>`;

const escapeAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The pages that are not experiments, after them in the sidebar: name, path and description. */
const OTHER_PAGES: {name: string; path: string; description: string}[] = [
  {
    name: "The trained network, live",
    path: "/model",
    description:
      "The book's trained MNIST network live in your browser: draw a digit, open your own images, or step through the 10,000 test images."
  },
  {
    name: "Playground: train in the browser",
    path: "/playground",
    description:
      "Train the book's MNIST network yourself in your browser, with your own learning rate, hidden nodes, epochs and seed."
  },
  {
    name: "Verify this report",
    path: "/verify",
    description:
      "Retrain every run behind the report's numbers in your browser and compare each, epoch by epoch and weight by weight, with what the build stored."
  }
];

/** The sidebar, in order: every experiment (data-loaders/experiments/, sorted by title), then the other pages. */
const PAGES = [
  ...Object.values(experiments).map(({title, page, description}) => ({name: title, path: page, description})),
  ...OTHER_PAGES
];

/** The home page's description; every other page's is beside its entry in `pages`. */
const INDEX_DESCRIPTION =
  "The experiments of Tariq Rashid's Make Your Own Neural Network, retrained on the full MNIST set with seeds and intervals, as a static report.";

/**
 * The page's `<meta name="description">` (for search engines and link previews), from its entry
 * in `pages` (Framework keeps no `description` in front matter); a page without one fails the
 * build, naming it.
 */
export function pageDescription(path: string): string {
  if (path === "/404") return ""; // Framework's own page
  const text = path === "/index" ? INDEX_DESCRIPTION : PAGES.find((page) => page.path === path)?.description;
  if (!text?.trim())
    throw new Error(
      `src${path}.md has no description: an experiment's page takes it from its definition in data-loaders/experiments/, another page from its entry in observablehq.config.ts's OTHER_PAGES (one sentence saying what the page shows)`
    );
  return `<meta name="description" content="${escapeAttribute(text.trim())}">`;
}

export default {
  title: "Make Your Own Neural Network",
  root: "src",
  preserveExtension: true,
  output: process.env.SITE_OUTPUT ?? "dist",
  pages: PAGES,
  globalStylesheets: [],
  // Every page's head: the shared part, then the page's description (from PAGES, for search
  // engines and link previews).
  head: ({path}: {path: string}) => `${HEAD}\n${pageDescription(path)}`,
  // Framework's light and dark themes plus the Inputs styles (see src/style.css).
  style: "style.css",
  search: true,
  footer: "The experiments of Tariq Rashid's <em>Make Your Own Neural Network</em>, retrained at build time.",
  pager: true
};
