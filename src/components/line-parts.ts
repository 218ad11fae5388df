import * as d3 from "d3";
import type {LegendItem} from "./chart-frame.js";
import type {LineChartOptions, ReaderRun} from "./line-chart.js";
import {type Box, type Font, LINE, placeLabel, textWidth, wrapLines} from "./text-fit.js";

// The parts of a line chart that are words: its legend entries, its labelled points and its
// default description.

/** The reader's run stands out from the series' colours (Tableau 10): a heavier magenta line with diamonds. */
export const READER_COLOR = "#d6008f";

/** A legend entry for every series name and every kind of mark the options draw. */
export function lineLegend<T, D, R, S>(
  options: LineChartOptions<T, D, R, S>,
  names: string[],
  color: (name: string) => string
): LegendItem[] {
  const {band, dots, traces, reference, highlight, reader} = options;
  const legend: LegendItem[] = names
    .filter((n) => n)
    .map((name) => ({
      label: name,
      swatch: (g) => g.append("line").attr("x2", 16).attr("stroke", color(name)).attr("stroke-width", 2)
    }));
  // With several series, bands, dots and traces take each series' colour: their swatch is neutral.
  const swatchColor = names.length > 1 ? "currentColor" : color(names[0]);
  if (band)
    legend.push({
      label: band.label,
      swatch: (g) =>
        g
          .append("rect")
          .attr("y", -5)
          .attr("width", 16)
          .attr("height", 10)
          .attr("fill", swatchColor)
          .attr("opacity", 0.2)
    });
  if (dots)
    legend.push({
      label: dots.label,
      swatch: (g) => g.append("circle").attr("cx", 8).attr("r", 2.5).attr("fill", swatchColor).attr("opacity", 0.35)
    });
  if (traces)
    legend.push({
      label: traces.label,
      swatch: (g) =>
        g.append("line").attr("x2", 16).attr("stroke", swatchColor).attr("stroke-width", 1).attr("opacity", 0.45)
    });
  if (reference)
    legend.push({
      label: reference.label,
      swatch: (g) => g.append("line").attr("x2", 16).attr("stroke", "currentColor").attr("stroke-dasharray", "4 3")
    });
  if (highlight)
    legend.push({
      label: "best",
      swatch: (g) =>
        g
          .append("circle")
          .attr("cx", 8)
          .attr("r", 5)
          .attr("fill", "none")
          .attr("stroke", "currentColor")
          .attr("stroke-width", 2)
    });
  if (reader)
    legend.push({
      label: reader.label,
      swatch: (g) => {
        g.append("line").attr("x2", 16).attr("stroke", READER_COLOR).attr("stroke-width", 2.5);
        g.append("path")
          .attr("transform", "translate(8,0)")
          .attr("d", d3.symbol(d3.symbolDiamond, 48)())
          .attr("fill", READER_COLOR);
      }
    });
  return legend;
}

/**
 * What a line chart shows, in a sentence: its highlighted points ("best mean: lr 0.18, test
 * score 0.9532"), else each series' value at its last x (at most four series).
 */
export function describeLines<T, D, R, S>(data: T[], options: LineChartOptions<T, D, R, S>): string {
  const {x, y, series = () => "", highlight, highlightLabel, xLabel = "x", yLabel = "y"} = options;
  const format = options.format ?? d3.format(".4f");
  const what = yLabel.toLowerCase();
  const best = highlight ? data.filter(highlight) : [];
  if (best.length)
    return best
      .map(
        (r) =>
          `${highlightLabel?.(r) ?? `highlighted at ${xLabel.toLowerCase()} ${d3.format("~g")(x(r))}`}, ${what} ${format(y(r))}`
      )
      .join("; ");
  const lasts = d3
    .groups(data, series)
    .map(([name, rows]) => [name, d3.greatest(rows, x)!] as const)
    .slice(0, 4);
  if (!lasts.length) return "No data yet.";
  const values = lasts.map(([name, r]) => `${name ? `${name} ` : ""}${format(y(r))}`);
  const xs = new Set(lasts.map(([, r]) => x(r)));
  if (xs.size === 1) return `${yLabel} at ${xLabel.toLowerCase()} ${[...xs][0]}: ${values.join(", ")}`;
  return `${yLabel} at the last point: ${lasts.map(([, r], i) => `${values[i]} at ${x(r)}`).join(", ")}`;
}

const LABEL: Font = {size: 12, weight: "bold"};
/** The label's halo (see below) widens it by its stroke. */
const HALO = 4;

/**
 * The y extent `[low, high]` raised so that the highest of `marked` values sits `room` px below
 * the top of a `length`-px plot: space for its label above it rather than across the lines.
 */
export function headroom([low, high]: [number, number], marked: number[], length: number, room = 34): [number, number] {
  const top = d3.max(marked);
  if (top === undefined || length <= room * 2) return [low, high];
  const k = room / length;
  return [low, Math.max(high, (top - k * low) / (1 - k))];
}

/**
 * Rings each highlighted point (px) and writes its label where it stays inside `plot` and clear
 * of the labels before it and of `points` (the data, px); a label wider than the plot wraps.
 */
export function drawHighlights(
  marks: d3.Selection<SVGGElement, undefined, null, undefined>,
  highlights: {x: number; y: number; label: string}[],
  points: {x: number; y: number}[],
  plot: Box
): void {
  const obstacles: Box[] = points.map((p) => ({left: p.x - 4, right: p.x + 4, top: p.y - 4, bottom: p.y + 4}));
  const g = marks.append("g").attr("class", "highlight");
  for (const {x, y, label} of highlights) {
    const room = plot.right - plot.left - HALO;
    const lines = textWidth(label, LABEL) <= room ? [label] : wrapLines(label, room, LABEL);
    const width = Math.max(...lines.map((l) => textWidth(l, LABEL))) + HALO;
    const at = placeLabel({x, y}, width, plot, {avoid: obstacles, lines: lines.length});
    obstacles.unshift(at.box);
    g.append("circle")
      .attr("cx", x)
      .attr("cy", y)
      .attr("r", 8)
      .attr("fill", "none")
      .attr("stroke", "currentColor")
      .attr("stroke-width", 2);
    // Text anchored at the box's edge, so the halo's extra width stays inside it.
    const textX = at.anchor === "start" ? at.x + HALO / 2 : at.anchor === "end" ? at.x - HALO / 2 : at.x;
    g.append("text")
      .attr("y", at.y)
      .attr("text-anchor", at.anchor)
      .attr("fill", "currentColor")
      .attr("font-weight", "bold")
      // A halo in the page's background keeps the label legible where it crosses a line.
      .attr("stroke", "var(--theme-background, white)")
      .attr("stroke-width", HALO)
      .attr("stroke-linejoin", "round")
      .attr("paint-order", "stroke")
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", textX)
      .attr("dy", (_, i) => (i ? LINE : 0))
      .text((line, i) => (i < lines.length - 1 ? `${line} ` : line));
  }
}

/** The reader's run over everything else: its curve (if more than one point) and a diamond at each point (px, py), with tooltips. */
export function drawReader(
  marks: d3.Selection<SVGGElement, undefined, null, undefined>,
  reader: ReaderRun,
  points: {x: number; y: number; px: number; py: number}[],
  tooltip: (point: {x: number; y: number}) => string
): void {
  const g = marks
    .append("g")
    .attr("class", "reader")
    .attr("data-stored", String(Boolean(reader.stored)));
  const sorted = [...points].sort((a, b) => a.x - b.x);
  if (sorted.length > 1)
    g.append("path")
      .attr("fill", "none")
      .attr("stroke", READER_COLOR)
      .attr("stroke-width", 2.5)
      .attr(
        "d",
        d3
          .line<(typeof sorted)[number]>()
          .x((p) => p.px)
          .y((p) => p.py)(sorted)
      );
  g.selectAll("path.point")
    .data(sorted)
    .join("path")
    .attr("class", "point")
    .attr("transform", (p) => `translate(${p.px},${p.py})`)
    .attr("d", d3.symbol(d3.symbolDiamond, 80)())
    .attr("fill", READER_COLOR)
    .attr("stroke", "var(--theme-background, white)")
    .append("title")
    .text(tooltip);
}

/** A comparison curve (e.g. the book's run), dashed, with a square at each point (px, py) and tooltips. */
export function drawReference(
  marks: d3.Selection<SVGGElement, undefined, null, undefined>,
  points: {x: number; y: number; px: number; py: number}[],
  tooltip: (point: {x: number; y: number}) => string
): void {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  marks
    .append("path")
    .attr("class", "reference")
    .attr("fill", "none")
    .attr("stroke", "currentColor")
    .attr("stroke-dasharray", "4 3")
    .attr(
      "d",
      d3
        .line<(typeof sorted)[number]>()
        .x((p) => p.px)
        .y((p) => p.py)(sorted)
    );
  marks
    .append("g")
    .selectAll("rect")
    .data(sorted)
    .join("rect")
    .attr("x", (p) => p.px - 3)
    .attr("y", (p) => p.py - 3)
    .attr("width", 6)
    .attr("height", 6)
    .attr("fill", "var(--theme-background, white)")
    .attr("stroke", "currentColor")
    .append("title")
    .text(tooltip);
}
