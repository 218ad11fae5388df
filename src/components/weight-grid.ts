import * as d3 from "d3";
import {html} from "htl";
import {wrapLines} from "./text-fit.js";

export interface WeightGridOptions {
  /** Side of each square image, in weights (28 for an MNIST input). */
  side?: number;
  /** CSS pixels per weight, a whole number (rounded; at least 1). */
  scale?: number;
  /** Weights beyond ±limit get the end colours; defaults to the largest |weight|. */
  limit?: number;
  /** Tooltip of image i, shown while the pointer is over it. */
  tooltip?: (index: number) => string;
  /** Images per row, at most (a whole number; 0: no limit); default: as many as fit in `width`, or a square grid without one. */
  columns?: number;
  /** Page width available, in CSS pixels (what `resize` gives): fewer images to a row if `columns` do not fit. */
  width?: number;
  /** Title above the grid; also the start of the grid's accessible name. */
  title?: string;
}

/** Colour levels across [-bound, bound]: odd, so zero has its own (white); steps of 0.2% of the range. */
const LEVELS = 1001;
/** CSS pixels between images. */
const GAP = 3;

/**
 * Many weight vectors (each side x side, row after row) as images in a grid, coloured with a
 * diverging scale centred on zero (red negative, white zero, blue positive), with a legend.
 * Returns a <figure> holding one <canvas> (role img, named by the title) and the legend's <svg>.
 *
 * One canvas for the whole grid, not one per image: Chromium commits every canvas to the
 * compositor as a layer of its own, and Experiment 5's 100 hidden nodes made that one task of
 * 35-62 ms while the page loaded (64-85 ms with its 90 digit images; issue 21). Tooltips follow
 * the pointer instead.
 */
export function weightGrid(
  images: ArrayLike<number>[],
  {side = 28, scale: wanted = 2, limit, tooltip, title, columns, width}: WeightGridOptions = {}
): HTMLElement {
  const scale = Math.max(1, Math.round(wanted) || 1); // whole pixels: each weight is a block of the canvas's own pixels
  const bound = limit || d3.max(images, (image) => d3.max(Array.from(image), Math.abs)) || 1; // never 0: it divides
  const color = d3.scaleDiverging(d3.interpolateRdBu).domain([-bound, 0, bound]).clamp(true);
  // The scale's colours at LEVELS even steps, as bytes: asking the scale for each of 78,400
  // pixels (a colour string, parsed back) took one task of over 100 ms on Experiment 5.
  const palette = new Uint8ClampedArray(3 * LEVELS);
  for (let level = 0; level < LEVELS; level++) {
    const c = d3.rgb(color(-bound + (2 * bound * level) / (LEVELS - 1)));
    palette.set([c.r, c.g, c.b], 3 * level);
  }
  const tile = side * scale;
  const cap = columns && columns > 0 ? Math.floor(columns) : Number.POSITIVE_INFINITY; // 0 or none: no cap
  const unmeasured = Number.isFinite(cap) ? cap : Math.ceil(Math.sqrt(images.length)); // no width: columns, or a square
  const fit = width ? Math.floor((width + GAP) / (tile + GAP)) : unmeasured;
  const perRow = Math.max(1, Math.min(images.length, cap, fit) || 1);
  const rows = Math.ceil(images.length / perRow);
  const canvas = document.createElement("canvas");
  canvas.width = perRow * (tile + GAP) - GAP;
  canvas.height = Math.max(1, rows * (tile + GAP) - GAP);
  canvas.style.cssText = `display: block; width: ${canvas.width}px; max-width: 100%; height: auto; image-rendering: pixelated;`;
  canvas.setAttribute("role", "img");
  canvas.setAttribute(
    "aria-label",
    `${title ? `${title}: ` : ""}${images.length} images of ${side}×${side} weights, ${perRow} to a row, in colour from red (negative) through white (zero) to blue (positive)`
  );
  const context = canvas.getContext("2d")!;
  const pixels = context.createImageData(canvas.width, canvas.height); // transparent gaps: the page shows through
  images.forEach((image, index) => {
    const [left, top] = [(index % perRow) * (tile + GAP), Math.floor(index / perRow) * (tile + GAP)];
    for (let i = 0; i < side * side; i++) {
      const at = 3 * Math.round(((Math.max(-bound, Math.min(bound, image[i])) + bound) / (2 * bound)) * (LEVELS - 1));
      const [x, y] = [left + (i % side) * scale, top + Math.floor(i / side) * scale];
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const p = 4 * ((y + dy) * canvas.width + x + dx);
          pixels.data[p] = palette[at];
          pixels.data[p + 1] = palette[at + 1];
          pixels.data[p + 2] = palette[at + 2];
          pixels.data[p + 3] = 255;
        }
    }
  });
  context.putImageData(pixels, 0, 0);
  if (tooltip) {
    canvas.addEventListener("pointermove", (event) => {
      const box = canvas.getBoundingClientRect();
      const x = ((event.clientX - box.left) * canvas.width) / box.width;
      const y = ((event.clientY - box.top) * canvas.height) / box.height;
      const [column, row] = [Math.floor(x / (tile + GAP)), Math.floor(y / (tile + GAP))];
      const inside = x - column * (tile + GAP) < tile && y - row * (tile + GAP) < tile;
      const index = row * perRow + column;
      canvas.title = inside && column < perRow && index < images.length ? tooltip(index) : "";
    });
    canvas.addEventListener("pointerleave", () => canvas.removeAttribute("title")); // not left as the image's description
  }
  return html`<figure class="weight-grid" style="margin: 0; font: 12px sans-serif; max-width: 100%;">${
    title ? html`<figcaption style="font-weight: 600; margin-bottom: 6px;">${title}</figcaption>` : null
  }${canvas}${legend(color, bound)}</figure>`;
}

/** A gradient bar from -bound to +bound with ticks under its caption, wrapped to the legend's width; it scales down with the page. */
function legend(color: d3.ScaleDiverging<string>, bound: number): SVGSVGElement {
  const [width, margin] = [260, 20];
  const caption = wrapLines("Weight (red: negative, white: zero, blue: positive)", width + margin);
  const top = 19 + 15 * (caption.length - 1); // the first line's baseline 14 px down: room for any engine's ascent
  const svg = d3
    .create("svg")
    .attr("class", "legend")
    .attr("width", width + 2 * margin)
    .attr("height", top + 30)
    .attr("viewBox", [0, 0, width + 2 * margin, top + 30])
    .attr("role", "img")
    .attr(
      "aria-label",
      `Weight colours: red negative, white zero, blue positive, from −${bound.toFixed(2)} to +${bound.toFixed(2)}`
    )
    .style("display", "block")
    .style("max-width", "100%")
    .style("height", "auto")
    .style("margin-top", "8px");
  const id = `weight-legend-${Math.random().toString(36).slice(2)}`;
  const gradient = svg.append("defs").append("linearGradient").attr("id", id);
  for (let t = 0; t <= 1; t += 0.1)
    gradient
      .append("stop")
      .attr("offset", `${t * 100}%`)
      .attr("stop-color", color(-bound + 2 * bound * t));
  const x = d3.scaleLinear().domain([-bound, bound]).range([0, width]);
  const g = svg.append("g").attr("transform", `translate(${margin},${top})`);
  g.append("text")
    .attr("y", -5 - 15 * (caption.length - 1))
    .attr("fill", "currentColor")
    .selectAll("tspan")
    .data(caption)
    .join("tspan")
    .attr("x", 0)
    .attr("dy", (_, i) => (i ? 15 : 0))
    .text((line, i) => (i < caption.length - 1 ? `${line} ` : line));
  g.append("rect")
    .attr("width", width)
    .attr("height", 10)
    .attr("fill", `url(#${id})`)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.3);
  const signed = d3.format("+.2~f");
  g.append("g")
    .attr("transform", "translate(0,10)")
    .call(
      d3
        .axisBottom(x)
        .ticks(5)
        .tickFormat((v) => (+v === 0 ? "0" : signed(+v)))
    );
  return svg.node()!;
}
