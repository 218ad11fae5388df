// Under a chart: its data (CSV, Arrow) and figure (SVG, PNG) to download, named after the
// page and chart, and a collapsed "How this was made" block with the command that regenerates
// the chart's table and the settings its runs used. One line per chart in a page:
//   <div class="card">${resize(...chart...)}${chartFooter(FileAttachment("data/exp2-scores.arrow").href, {chart: "learning-rate", settings})}</div>
// A chart computed in the page passes {rows: () => rows, made: "how"} instead of the href.
// (.href, not the FileAttachment itself: Framework takes a bare FileAttachment of an .arrow file
// as a sign the page reads it with .arrow(), and fetches apache-arrow from a CDN for it.)
import {tableFromJSON, tableToIPC} from "apache-arrow";
import * as d3 from "d3";
import {html} from "htl";
import {type Row, rowsOf} from "./arrow.js";
import {fetchBytes} from "./fetch-bytes.js";

/**
 * The result file's name as the build wrote it: "/_file/data/exp2-scores.62e93161.arrow" (or,
 * previewing, ".../exp2-scores.arrow?sha=...") → "exp2-scores.arrow".
 */
export function fileNameOf(href: string): string {
  const path = new URL(href, "http://x/").pathname;
  return path.slice(path.lastIndexOf("/") + 1).replace(/\.[0-9a-f]{8}(\.arrow)$/, "$1");
}

/** A chart computed in the page (the live model, the playground): its rows now, and how they were made. */
export interface LiveTable {
  rows: () => Row[];
  made: string;
}

export interface ChartFooterOptions {
  /** The chart's name in download file names: "<page>-<chart>.csv". */
  chart: string;
  /** The run settings to list (e.g. the experiment's settings row; seeds and trainLimit also shape the command). */
  settings?: Row;
  /** More settings the page states in words (e.g. {epochs: 1, hidden: 100}). */
  fixed?: Row;
}

/**
 * The page's name in file names: the last part of its path, without .html ("/experiment-2",
 * "/experiment-2.html" and "/my-repo/experiment-2.html" → "experiment-2"; "/" and "/my-repo/"
 * → "index"), so downloads are named the same wherever the site is served.
 */
export function pageName(path = location.pathname): string {
  const last = path.slice(path.lastIndexOf("/") + 1).replace(/\.html$/, "");
  return last || "index";
}

/** A cell as CSV text: lists and typed arrays as numbers separated by spaces. */
function cellText(value: unknown): unknown {
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<unknown>).join(" ");
  if (value && typeof value === "object" && "toArray" in value)
    return Array.from((value as {toArray(): ArrayLike<unknown>}).toArray()).join(" ");
  return typeof value === "bigint" ? String(value) : value;
}

/** The rows as CSV, in the table's column order. */
export function tableCsv(rows: Row[]): string {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  return d3.csvFormat(
    rows.map((row) => Object.fromEntries(columns.map((c) => [c, cellText(row[c])]))),
    columns
  );
}

/** Experiment and table of a result file: "exp2-scores.arrow" → ["2", "scores"]; "book-summary.arrow" → ["book", "summary"]. */
export function tableSource(fileName: string): {experiment: string; table: string} {
  const match = /^(?:exp(\d+)|([a-z]+))-(.+)\.arrow$/.exec(fileName);
  if (!match) throw new Error(`chartFooter: "${fileName}" is not a result table (expected exp<N>-<table>.arrow)`);
  return {experiment: match[1] ?? match[2], table: match[3]};
}

/** The command that writes this table again, with the settings the build used. */
export function regenerateCommand(fileName: string, settings: Row = {}): string {
  const {experiment, table} = tableSource(fileName);
  const env = settings.trainLimit ? `TRAIN_LIMIT=${settings.trainLimit} ` : "";
  const seeds = settings.seeds ? ` --seeds ${settings.seeds}` : "";
  return `${env}npm run experiment -- ${experiment}${seeds} --table ${table} --out ${fileName}`;
}

/** The chart's SVG with its theme colours and font written in, so it looks the same outside the page. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(svg);
  const variables = [
    "--theme-foreground",
    "--theme-background",
    "--theme-foreground-focus",
    "--theme-foreground-faint",
    "--theme-foreground-faintest",
    "--sans-serif"
  ];
  const declarations = variables.map((name) => `${name}: ${style.getPropertyValue(name).trim() || "initial"}`);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute(
    "style",
    `${declarations.join("; ")}; color: ${style.color}; background: ${getComputedStyle(document.body).backgroundColor}; font: 12px ${style.fontFamily}; overflow: visible;`
  );
  return new XMLSerializer().serializeToString(clone);
}

/**
 * A card's figure as SVG text: its chart, or, for images drawn on canvases (digit grids) and
 * tables, the canvases, headings, captions, table cells and any SVG legends at the places they
 * have on the page.
 */
export function figureSvg(card: Element, footer: Element): {text: string; width: number; height: number} {
  const chart = card.querySelector<SVGSVGElement>("svg.chart");
  if (chart && !card.querySelector("canvas")) {
    const [, , width, height] = (chart.getAttribute("viewBox") ?? `0 0 ${chart.clientWidth} ${chart.clientHeight}`)
      .split(/[ ,]+/)
      .map(Number);
    return {text: standaloneSvg(chart), width, height};
  }
  const box = card.getBoundingClientRect();
  const style = getComputedStyle(card);
  const parts: string[] = [];
  let bottom = 0;
  for (const node of card.querySelectorAll<HTMLElement | SVGSVGElement>("canvas, svg, h2, h3, figcaption, p, th, td")) {
    if (footer.contains(node) || (node.closest("svg") !== node && node instanceof SVGElement)) continue;
    const r = node.getBoundingClientRect();
    const [x, y] = [r.left - box.left, r.top - box.top];
    if (!r.width || !r.height) continue;
    bottom = Math.max(bottom, y + r.height);
    if (node instanceof HTMLCanvasElement) {
      parts.push(
        `<image x="${x}" y="${y}" width="${r.width}" height="${r.height}" style="image-rendering: pixelated" href="${node.toDataURL("image/png")}"/>`
      );
    } else if (node instanceof SVGSVGElement) {
      parts.push(standaloneSvg(node).replace("<svg", `<svg x="${x}" y="${y}" width="${r.width}" height="${r.height}"`));
    } else if (!node.querySelector("canvas, svg")) {
      const text = (node.textContent ?? "").trim().replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`);
      const font = getComputedStyle(node);
      parts.push(
        `<text x="${x}" y="${y + r.height * 0.75}" font-size="${font.fontSize}" font-weight="${font.fontWeight}" fill="${font.color}">${text}</text>`
      );
    }
  }
  const width = Math.ceil(box.width);
  const height = Math.ceil(bottom + 8);
  const text =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `style="font-family: ${style.fontFamily}; background: ${getComputedStyle(document.body).backgroundColor}">${parts.join("")}</svg>`;
  return {text, width, height};
}

/** The figure drawn onto a canvas at twice its size, on the page's background, as PNG bytes. */
async function pngOf({text, width, height}: {text: string; width: number; height: number}): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  try {
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), {width: width * 2, height: height * 2});
    const context = canvas.getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png")
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves `blob` as `name` through a temporary link. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = html`<a href=${url} download=${name}></a>`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Download links and the "How this was made" block for the chart in the same card (the
 * figure links take the first SVG chart of the enclosing `.card`).
 */
export function chartFooter(
  source: string | LiveTable,
  {chart, settings = {}, fixed = {}}: ChartFooterOptions
): HTMLElement {
  const live = typeof source === "string" ? undefined : source;
  const href = typeof source === "string" ? source : "";
  const base = `${pageName()}-${chart}`;
  const footer = html`<div class="chart-footer" style="font: 13px var(--sans-serif); margin-top: 0.5rem; color: var(--theme-foreground-muted);"></div>`;
  const figure = () => {
    const card = footer.closest(".card");
    if (!card) throw new Error(`chartFooter(${chart}): not inside a .card`);
    return figureSvg(card, footer);
  };
  const rows = async () => (live ? live.rows() : rowsOf(await fetchBytes(href)));
  const arrow = async () =>
    live ? tableToIPC(tableFromJSON(live.rows()), "file") : new Uint8Array(await fetchBytes(href));
  const makers: [string, string, () => Promise<Blob>][] = [
    ["CSV", "csv", async () => new Blob([tableCsv(await rows())], {type: "text/csv"})],
    [
      "Arrow",
      "arrow",
      async () => new Blob([(await arrow()) as Uint8Array<ArrayBuffer>], {type: "application/vnd.apache.arrow.file"})
    ],
    ["SVG", "svg", async () => new Blob([figure().text], {type: "image/svg+xml"})],
    ["PNG", "png", () => pngOf(figure())]
  ];
  const links = makers.map(([label, extension, make]) => {
    const name = `${base}.${extension}`;
    const what = label === "CSV" || label === "Arrow" ? "The chart's table" : "The figure";
    const link = html`<a href="#" download=${name} data-format=${extension} title=${`${what} as ${name}`}>${label}</a>`;
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      save(await make(), name);
    });
    return link;
  });
  // Two elements per setting, not a fragment: htl wraps several top-level nodes in a <span>.
  const entries = Object.entries({...fixed, ...settings}).flatMap(([key, value]) => [
    html`<dt>${key}</dt>`,
    html`<dd style="margin: 0;">${typeof value === "number" ? value.toLocaleString("en") : String(value)}</dd>`
  ]);
  const list = html`<dl style="display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0;">${entries}</dl>`;
  const made = live
    ? [live.made, ...(entries.length ? ["Settings:", list] : [])]
    : [
        "The command that writes this chart's table again: byte for byte the same file while the run store holds its runs; retrained, the same scores with new training times.",
        html`<pre>${regenerateCommand(fileNameOf(href), settings)}</pre>`,
        "Run settings:",
        list
      ];
  footer.append(
    html`<div class="downloads" style="display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem;">Download: ${links}</div>`,
    html`<details class="how-made"><summary>How this was made</summary>${made}</details>`
  );
  return footer;
}
