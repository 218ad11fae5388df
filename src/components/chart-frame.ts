import * as d3 from "d3";
import {BODY, balancedLines, legendLayout, type Measure, TICK, TITLE, textWidth, wrapLines} from "./text-fit.js";

// What every chart shares: the SVG sized to its width, a title and an accessible name, and axes
// with labels, all placed from the measured widths of their text (see text-fit.ts).

/** Options every chart takes. */
export interface FrameOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** The key finding in plain words, read by screen readers (e.g. "best mean 0.9532 at lr 0.18"); each chart has a default. */
  description?: string;
}

export type Svg = d3.Selection<SVGSVGElement, undefined, null, undefined>;

const LINE_HEIGHT = 17;
/** d3-axis draws 6 px ticks with labels 3 px beyond them. */
const TICK_SPACE = 9;
/** A rotated 12 px axis title's ascent and descent across its baseline, px. */
const [ASCENT, DESCENT] = [11.5, 3];
let ids = 0;

/**
 * An SVG that scales down with the page, with `kind` as a class and an optional title at `left`,
 * wrapped onto lines that fit the width. It is one image to assistive technology: named by its
 * title, described by `description` (a <desc> it points to with aria-describedby).
 */
export function chartSvg(
  kind: string,
  width: number,
  height: number,
  title: string | undefined,
  left: number,
  description?: string
): Svg {
  const svg = d3
    .create("svg")
    .attr("class", `chart ${kind}`)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", [0, 0, width, height])
    .attr("role", "img")
    .attr("aria-label", title ?? description ?? kind.replace(/-/g, " "))
    .attr("style", "max-width: 100%; height: auto; font: 12px sans-serif; overflow: visible;");
  if (description) {
    const id = `chart-desc-${++ids}-${Math.random().toString(36).slice(2, 8)}`;
    svg.append("desc").attr("id", id).text(description);
    svg.attr("aria-describedby", id);
  }
  // The extra lines of a long title extend the SVG upwards, so charts lay out their marks as
  // for a one-line title.
  if (title) {
    const lines = balancedLines(title, width - left - 4, TITLE);
    const extra = (lines.length - 1) * LINE_HEIGHT;
    svg
      .attr("height", height + extra)
      .attr("viewBox", [0, -extra, width, height + extra])
      .append("text")
      .attr("class", "chart-title")
      .attr("x", left)
      .attr("y", 18 - extra)
      .attr("fill", "currentColor")
      .attr("font-weight", "bold")
      .attr("font-size", 14)
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", left)
      .attr("dy", (_, i) => (i === 0 ? 0 : LINE_HEIGHT))
      .text((line, i) => (i < lines.length - 1 ? `${line} ` : line)); // textContent reads as the title
  }
  return svg;
}

/** A bottom axis at `y` with its label centred between `left` and `right`, kept inside the SVG. */
export function xAxis<D extends d3.AxisDomain>(
  svg: Svg,
  axis: d3.Axis<D>,
  {y, left, right, label}: {y: number; left: number; right: number; label?: string}
): void {
  const half = textWidth(label ?? "", BODY) / 2;
  const width = Number(svg.attr("width"));
  const x = Math.max(half + 2, Math.min((left + right) / 2, width - half - 2));
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${y})`)
    .call(axis)
    .call((g) =>
      g
        .append("text")
        .attr("x", x)
        .attr("y", 36)
        .attr("fill", "currentColor")
        .attr("text-anchor", "middle")
        .text(label ?? "")
    );
}

/** A y-axis title's lines: wrapped to the plot's height `length` px, since it runs along it. */
export function yTitleLines(label: string | undefined, length: number, measure: Measure = textWidth): string[] {
  return label ? wrapLines(label, Math.max(length, 40), BODY, measure) : [];
}

/**
 * The room a left axis needs, px from its line to the SVG's edge: ticks, the widest of
 * `tickLabels` (10 px) and the title's lines beyond them, each rotated line 14 px further out.
 */
export function yAxisSpace(
  tickLabels: string[],
  label: string | undefined,
  length: number,
  measure: Measure = textWidth
): number {
  const widest = d3.max(tickLabels, (t) => measure(t, TICK)) ?? 0;
  const lines = yTitleLines(label, length, measure).length;
  return TICK_SPACE + widest + (lines ? 6 + DESCENT + (lines - 1) * 14 + ASCENT : 0) + 2;
}

/** A left axis at `x` with its title centred between `top` and `bottom`, just beyond the widest tick label; `grid` draws faint lines that wide. */
export function yAxis<D extends d3.AxisDomain>(
  svg: Svg,
  axis: d3.Axis<D>,
  {x, top, bottom, label, grid}: {x: number; top: number; bottom: number; label?: string; grid?: number}
): void {
  const g = svg.append("g").attr("class", "y-axis").attr("transform", `translate(${x},0)`).call(axis);
  if (grid) g.selectAll(".tick line").clone().attr("x2", grid).attr("stroke-opacity", 0.1);
  const ticks = g
    .selectAll<SVGTextElement, unknown>(".tick text")
    .nodes()
    .map((t) => t.textContent ?? "");
  const baseline = TICK_SPACE + (d3.max(ticks, (t) => textWidth(t, TICK)) ?? 0) + 6 + DESCENT;
  const lines = yTitleLines(label, bottom - top);
  g.append("text")
    .attr("transform", "rotate(-90)")
    .attr("x", -(top + bottom) / 2)
    .attr("y", -baseline - (lines.length - 1) * 14)
    .attr("fill", "currentColor")
    .attr("text-anchor", "middle")
    .selectAll("tspan")
    .data(lines)
    .join("tspan")
    .attr("x", -(top + bottom) / 2)
    .attr("dy", (_, i) => (i ? 14 : 0))
    .text((line, i) => (i < lines.length - 1 ? `${line} ` : line));
}

/** Draws a legend entry's mark (a line, band, dot...) in a 16 x 12 box at its group's origin. */
export type Swatch = (g: d3.Selection<SVGGElement, undefined, null, undefined>) => void;

export interface LegendItem {
  label: string;
  swatch: Swatch;
}

/** The height in px of the legend of `items` from `left` to `width` (see legendLayout). */
export function legendHeight(items: LegendItem[], left: number, width: number): number {
  return legendLayout(
    items.map((i) => i.label),
    width - left - 4
  ).height;
}

/** The legend, laid out by `legendLayout`, under the title (if any). */
export function drawLegend(svg: Svg, items: LegendItem[], left: number, width: number, title?: string): void {
  const {places} = legendLayout(
    items.map((i) => i.label),
    width - left - 4
  );
  items.forEach((item, i) => {
    const {x, y, lines} = places[i];
    const g = svg
      .append("g")
      .attr("class", "legend-item")
      .attr("transform", `translate(${left + x},${(title ? 34 : 12) + y})`);
    item.swatch(g);
    g.append("text")
      .attr("fill", "currentColor")
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", 22)
      .attr("dy", (_, j) => (j ? 15 : "0.35em"))
      .text((line, j) => (j < lines.length - 1 ? `${line} ` : line));
  });
}

/** Both axes of a chart whose plot area is `margin` inside `width` x `height`, with faint grid lines. */
export function frameAxes<X extends d3.AxisDomain, Y extends d3.AxisDomain>(
  svg: Svg,
  x: d3.Axis<X>,
  y: d3.Axis<Y>,
  {
    margin,
    width,
    height,
    xLabel,
    yLabel
  }: {
    margin: {top: number; right: number; bottom: number; left: number};
    width: number;
    height: number;
    xLabel?: string;
    yLabel?: string;
  }
): void {
  xAxis(svg, x, {y: height - margin.bottom, left: margin.left, right: width - margin.right, label: xLabel});
  yAxis(svg, y, {
    x: margin.left,
    top: margin.top,
    bottom: height - margin.bottom,
    label: yLabel,
    grid: width - margin.left - margin.right
  });
}
