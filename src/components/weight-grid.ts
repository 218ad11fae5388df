import * as d3 from "d3";
import {html} from "htl";
import {wrapLines} from "./text-fit.js";

export interface WeightGridOptions {
  /** Side of each square image, in weights (28 for an MNIST input). */
  side?: number;
  /** Screen pixels per weight. */
  scale?: number;
  /** Weights beyond ±limit get the end colours; defaults to the largest |weight|. */
  limit?: number;
  /** Tooltip of image i. */
  tooltip?: (index: number) => string;
  /** Images per row (default: as many as fit). */
  columns?: number;
  /** Title above the grid. */
  title?: string;
}

/** Colour levels across [-bound, bound]: odd, so zero has its own (white); steps of 0.2% of the range. */
const LEVELS = 1001;

/**
 * Many weight vectors as side x side images in a wrapping grid, coloured with a diverging
 * scale centred on zero (red negative, blue positive, white zero), with a legend. Returns a
 * <figure>.
 */
export function weightGrid(
  images: ArrayLike<number>[],
  {side = 28, scale = 2, limit, tooltip, title, columns}: WeightGridOptions = {}
): HTMLElement {
  const bound = limit || d3.max(images, (image) => d3.max(Array.from(image), Math.abs)) || 1; // never 0: it divides
  const color = d3.scaleDiverging(d3.interpolateRdBu).domain([-bound, 0, bound]).clamp(true);
  // The scale's colours at LEVELS even steps, as bytes: asking the scale for each of 78,400
  // pixels (a colour string, parsed back) took one task of over 100 ms on Experiment 5.
  const palette = new Uint8ClampedArray(3 * LEVELS);
  for (let level = 0; level < LEVELS; level++) {
    const c = d3.rgb(color(-bound + (2 * bound * level) / (LEVELS - 1)));
    palette.set([c.r, c.g, c.b], 3 * level);
  }
  const layout = columns
    ? `display: grid; grid-template-columns: repeat(${columns}, ${side * scale}px); gap: 3px;`
    : "display: flex; flex-wrap: wrap; gap: 3px;";
  const grid = html`<div style=${layout}></div>`;
  const figure = html`<figure class="weight-grid" style="margin: 0; font: 12px sans-serif; max-width: 100%;">${
    title ? html`<div style="font-weight: 600; margin-bottom: 6px;">${title}</div>` : null
  }${grid}</figure>`;
  images.forEach((image, index) => {
    const canvas = document.createElement("canvas");
    canvas.width = side;
    canvas.height = side;
    canvas.style.cssText = `width: ${side * scale}px; height: ${side * scale}px; image-rendering: pixelated;`;
    const context = canvas.getContext("2d")!;
    const pixels = context.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const at = 3 * Math.round(((Math.max(-bound, Math.min(bound, image[i])) + bound) / (2 * bound)) * (LEVELS - 1));
      pixels.data[4 * i] = palette[at];
      pixels.data[4 * i + 1] = palette[at + 1];
      pixels.data[4 * i + 2] = palette[at + 2];
      pixels.data[4 * i + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
    if (tooltip) canvas.title = tooltip(index);
    grid.append(canvas);
  });
  figure.append(legend(color, bound));
  return figure;
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
