// "Ask about your own image": the reader opens or drops image files of digits (PNG, JPEG, WebP,
// GIF; any size, colour or grey, with or without transparency, dark ink on light paper or the
// reverse) and sees each prepared two ways, as the book's part 3 does and as the drawing pad
// does (lib/own-image.ts), with the network's answer and ten outputs for each. Several files
// also give a table to download. The files are read in the browser; nothing is sent anywhere.
import {html} from "htl";
import {bookDigit, centredDigit, type InkSource, inkFromRgba} from "../lib/own-image.js";
import {chartFooter} from "./chart-footer.js";
import {digitGrid} from "./digit-grid.js";

/** The network's reading of 784 grey levels: its ten outputs and the digit it answers. */
export interface Reading {
  outputs: {digit: number; value: number}[];
  answer: number;
}

export interface OwnImagesOptions {
  /** Asks the network about 784 grey levels (0 paper .. 255 ink). */
  ask: (pixels: Uint8Array) => Reading;
  /** Draws a reading's ten outputs. */
  chart: (outputs: Reading["outputs"]) => Node;
  /** How the table's numbers were made, for its "How this was made" block. */
  made: string;
  /** Resolves when the page cell is redrawn: the listeners on the window are then removed. */
  invalidation?: Promise<unknown>;
}

/** Images above this many pixels on their longer side are scaled down by the browser first (a phone photo is 4000). */
export const MAX_SIDE = 1024;

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];

/** One file's two preparations and the network's readings of them. */
export interface OwnImageResult {
  name: string;
  source: InkSource;
  book: {digit: Uint8Array; reading: Reading};
  centred: {digit: Uint8Array; reading: Reading};
  /** The image as opened, at most THUMBNAIL pixels on its longer side. */
  thumbnail: HTMLCanvasElement;
}

/** The thumbnail's longer side, in pixels. */
const THUMBNAIL = 112;

/** A problem with one file, said in plain words to the reader. */
class UnreadableImage extends Error {}

/** The file's image, decoded by the browser (GIF: its first frame). */
async function decode(file: File): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    throw new UnreadableImage("could not be read as an image (PNG, JPEG, WebP or GIF)");
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** `image` drawn onto a new canvas whose longer side is at most `side` pixels, keeping transparency. */
function drawn(image: CanvasImageSource & {width: number; height: number}, side: number) {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = Object.assign(document.createElement("canvas"), {width, height});
  const context = canvas.getContext("2d", {willReadFrequently: true});
  if (!context) throw new UnreadableImage("could not be drawn: this browser gives the page no 2D canvas");
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, width, height);
  return {canvas, context, width, height};
}

/** Reads one file and asks the network about it both ways; throws UnreadableImage for a file that is no image. */
async function readImage(file: File, ask: OwnImagesOptions["ask"]): Promise<OwnImageResult> {
  const image = await decode(file);
  const {context, width, height} = drawn(image, MAX_SIDE);
  const ink = inkFromRgba(context.getImageData(0, 0, width, height).data, width, height);
  const book = bookDigit(ink);
  const centred = centredDigit(ink);
  return {
    name: file.name,
    source: ink.source,
    book: {digit: book, reading: ask(book)},
    centred: {digit: centred, reading: ask(centred)},
    thumbnail: drawn(image, THUMBNAIL).canvas
  };
}

/** The table of several files' answers: one row per file (what the CSV and Arrow downloads hold). */
export function answerRows(results: OwnImageResult[]) {
  return results.map(({name, source, book, centred}) => ({
    file: name,
    readAs: source,
    bookAnswer: book.reading.answer,
    bookConfidence: book.reading.outputs[book.reading.answer].value,
    centredAnswer: centred.reading.answer,
    centredConfidence: centred.reading.outputs[centred.reading.answer].value
  }));
}

const answerText = ({reading, digit}: {reading: Reading; digit: Uint8Array}) =>
  digit.some((v) => v > 0)
    ? html`It reads <strong class="answer" style="font-size: 1.6em;">${reading.answer}</strong> (output ${reading.outputs[reading.answer].value.toFixed(2)})`
    : html`<span class="answer">No ink found.</span>`;

/** How the book's way read the grey levels, for each kind of image. */
const BOOK_READING: Record<InkSource, string> = {
  "dark ink on light paper": "grey levels inverted (p = 255 − grey)",
  "light ink on dark paper": "grey levels as they are (p = grey: the ink is already light)",
  "ink on a transparent background": "opacity as the ink (p = opacity, 0–255)"
};

function resultCard(result: OwnImageResult, chart: OwnImagesOptions["chart"]): HTMLElement {
  const original = result.thumbnail;
  original.style.cssText =
    "max-width: 112px; max-height: 112px; border: 1px solid var(--theme-foreground-faintest); background: repeating-conic-gradient(#ccc 0 25%, #fff 0 50%) 0 0 / 12px 12px;";
  original.setAttribute("role", "img");
  original.setAttribute("aria-label", `${result.name} as opened`);
  const half = (
    className: string,
    title: string,
    how: string,
    prepared: OwnImageResult["book"]
  ) => html`<div class=${className}>
    <h4>${title}</h4>
    <p style="margin: 0.2rem 0; font-size: 13px;">${how}</p>
    <div style="display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;">
      ${digitGrid([prepared.digit], {pixels: (d) => d, scale: 3, caption: () => "28×28"})}
      <p>${answerText(prepared)}</p>
    </div>
    ${prepared.digit.some((v) => v > 0) ? chart(prepared.reading.outputs) : ""}
  </div>`;
  return html`<div class="card own-image" data-file=${result.name}>
    <h3>${result.name}</h3>
    <div style="display: flex; gap: 1rem; align-items: center;">${original}<p>Read as ${result.source}.</p></div>
    <div class="grid grid-cols-2">
      ${half("book", "The book's way", `Scaled to fit 28×28; ${BOOK_READING[result.source]}; x = p/255 × 0.99 + 0.01.`, result.book)}
      ${half("centred", "As the drawing pad", "Ink fitted to a 20×20 box and centred by mass, as MNIST's digits were.", result.centred)}
    </div>
  </div>`;
}

function answerTable(results: OwnImageResult[], made: string): HTMLElement {
  const rows = answerRows(results);
  return html`<div class="card" id="own-images-table">
    <h3>Your ${rows.length} images</h3>
    <table>
      <thead><tr><th>File</th><th>Answer, the book's way</th><th>Confidence</th><th>Answer, centred</th><th>Confidence</th></tr></thead>
      <tbody>${rows.map(
        (row) =>
          html`<tr><td>${row.file}</td><td>${row.bookAnswer}</td><td>${row.bookConfidence.toFixed(2)}</td><td>${row.centredAnswer}</td><td>${row.centredConfidence.toFixed(2)}</td></tr>`
      )}</tbody>
    </table>
    <p style="font-size: 13px;">Confidence is the output signal of the answer (0.01 to 0.99, as the network was trained to give).</p>
    ${chartFooter({rows: () => rows, made}, {chart: "your-images"})}
  </div>`;
}

/**
 * A file picker and drop target for images of digits, with each file's two preparations, the
 * network's answers and, for several files, a table with downloads. Files dropped anywhere on
 * the page are taken too (instead of the browser leaving the page to show them).
 */
export function ownImages({ask, chart, made, invalidation}: OwnImagesOptions): HTMLElement {
  const input = html`<input type="file" multiple accept=${IMAGE_TYPES.join(",")}>` as HTMLInputElement;
  const status = html`<p class="own-images-status" role="status" aria-live="polite">No image opened yet.</p>`;
  const shown = html`<div class="own-images-results"></div>`;
  const zone = html`<div class="card own-images-drop" style="border: 2px dashed var(--theme-foreground-faint);">
    <label>Open image files ${input}</label>
    <p style="margin: 0.3rem 0 0;">or drop them here (or anywhere on this page).</p>
    ${status}
  </div>`;
  const root = html`<div id="own-images">${zone}${shown}</div>`;

  let generation = 0;
  /** Reads the files one at a time (a phone photo decodes to about 50 MB), then shows them all. */
  async function open(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const mine = ++generation; // a second choice while the first is read replaces it
    const results: OwnImageResult[] = [];
    const problems: string[] = [];
    for (const [i, file] of files.entries()) {
      status.textContent = `Reading ${file.name}${files.length > 1 ? ` (${i + 1} of ${files.length})` : ""}…`;
      try {
        results.push(await readImage(file, ask));
      } catch (error) {
        problems.push(
          `${file.name} ${error instanceof UnreadableImage ? error.message : `could not be read (${(error as Error).message})`}.`
        );
      }
      if (mine !== generation) return;
    }
    shown.replaceChildren(
      ...(results.length > 1 ? [answerTable(results, made)] : []),
      ...results.map((result) => resultCard(result, chart))
    );
    const read = results.length
      ? [`Read ${results.length} image${results.length === 1 ? "" : "s"} in your browser.`]
      : [];
    status.textContent = [...read, ...problems].join(" ");
  }
  input.addEventListener("change", async () => {
    await open(Array.from(input.files ?? []));
    input.value = ""; // choosing the same file again reads it again
  });

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes("Files");
  const over = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault(); // allows the drop
    zone.style.borderColor = "var(--theme-foreground-focus)";
  };
  const drop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault(); // keeps the page instead of opening the file
    zone.style.borderColor = "";
    open(Array.from(event.dataTransfer?.files ?? []));
  };
  // dragleave fires at every child the pointer crosses; only leaving the window ends the drag.
  const leave = (event: DragEvent) => {
    if (!event.relatedTarget) zone.style.borderColor = "";
  };
  window.addEventListener("dragover", over);
  window.addEventListener("drop", drop);
  window.addEventListener("dragleave", leave);
  invalidation?.then(() => {
    window.removeEventListener("dragover", over);
    window.removeEventListener("drop", drop);
    window.removeEventListener("dragleave", leave);
  });
  return root;
}
