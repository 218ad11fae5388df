// Observable Framework configuration. The site must work offline: no Google Fonts
// (globalStylesheets: []), no CDN imports (pages import from node_modules explicitly).
export default {
  title: "Make Your Own Neural Network",
  root: "src",
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
  // An empty icon: no request for /favicon.ico.
  head: `<link rel="icon" href="data:,">`,
  // Framework's light and dark themes plus the Inputs styles (see src/style.css).
  style: "style.css",
  search: true,
  footer: "The experiments of Tariq Rashid's <em>Make Your Own Neural Network</em>, retrained at build time.",
  pager: true
};
