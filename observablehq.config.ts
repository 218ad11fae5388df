// Observable Framework configuration. The site must work offline: no Google Fonts
// (globalStylesheets: []), no CDN imports (pages import from node_modules explicitly). It must
// work on any static file server, under any path: links keep their .html (preserveExtension),
// since a plain server (python3 -m http.server, S3, GitHub Pages' folders) has no clean URLs.
export default {
  title: "Make Your Own Neural Network",
  root: "src",
  preserveExtension: true,
  output: process.env.SITE_OUTPUT ?? "dist",
  pages: [
    {name: "Experiment 1: one run", path: "/experiment-1"},
    {name: "Experiment 2: learning rate", path: "/experiment-2"},
    {name: "Experiment 3: epochs", path: "/experiment-3"},
    {name: "Experiment 4: learning rate × epochs", path: "/experiment-4"},
    {name: "Experiment 5: back query", path: "/experiment-5"},
    {name: "Experiment 6: hidden nodes", path: "/experiment-6"},
    {name: "Experiment 7: more data by rotation", path: "/experiment-7"},
    {name: "The book's own numbers", path: "/book"},
    {name: "The trained network, live", path: "/model"},
    {name: "Playground: train in the browser", path: "/playground"}
  ],
  globalStylesheets: [],
  // An empty icon: no request for /favicon.ico. Then what a reader whose browser cannot run
  // the pages' scripts gets, above the text: with JavaScript off, a sentence written by CSS (a
  // <noscript> in the head may hold only styles); in a browser older than the pages' code needs
  // (Framework's client uses ??=, the pages Array.prototype.at and Object.hasOwn: Chrome and
  // Edge 93, Firefox 92, Safari 15.4), a classic script, which any browser runs, finds what is
  // missing and writes the sentence. Keep it ES5: it must parse where nothing else does.
  head: `<link rel="icon" href="data:,">
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
})();</script>`,
  // Framework's light and dark themes plus the Inputs styles (see src/style.css).
  style: "style.css",
  search: true,
  footer: "The experiments of Tariq Rashid's <em>Make Your Own Neural Network</em>, retrained at build time.",
  pager: true
};
