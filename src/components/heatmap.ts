import * as d3 from "d3";
import {chartSvg, type FrameOptions, xAxis, yAxis, yAxisSpace} from "./chart-frame.js";
import {textWidth} from "./text-fit.js";
import {bandTicks, fitLinearTicks, numericTicks} from "./tick-fit.js";

export interface HeatmapOptions<T> extends FrameOptions {
  /** Column of a cell. */
  x: (row: T) => string | number;
  /** Row of a cell. */
  y: (row: T) => string | number;
  /** Value coloured in a cell. */
  fill: (row: T) => number;
  /** "sqrt" or "log" spread small values apart when a few cells dominate (a confusion matrix's diagonal). */
  scale?: "linear" | "sqrt" | "log";
  /** A d3 colour interpolator; defaults to d3.interpolateBlues. */
  interpolate?: (t: number) => string;
  /** Print each cell's value in it. */
  text?: boolean;
  format?: (value: number) => string;
  tooltip?: (row: T) => string;
  /** Label of the colour legend. */
  legend?: string;
  /** Cells drawn with a double outline, dark and light, that shows on any cell colour in either theme (the best cell, the diagonal...). */
  highlight?: (row: T) => boolean;
}

/** A grid of coloured cells with axes and a colour legend. Returns an SVG element. */
export function heatmap<T>(rows: Iterable<T>, options: HeatmapOptions<T>): SVGSVGElement {
  const data = Array.from(rows);
  const {x, y, fill, width = 520, title, xLabel, yLabel, scale = "linear", text = false} = options;
  const {interpolate = d3.interpolateBlues, format = d3.format(","), legend, highlight} = options;
  const tooltip =
    options.tooltip ?? ((row: T) => `${yLabel ?? "y"} ${y(row)}, ${xLabel ?? "x"} ${x(row)}: ${format(fill(row))}`);
  const xs = Array.from(new Set(data.map((row) => String(x(row)))));
  const ys = Array.from(new Set(data.map((row) => String(y(row)))));
  const top = title ? 36 : 12;
  // The cells' size follows from the left margin, and the margin from the y title, which wraps
  // to the rows' height: a few rounds settle both.
  const cellSize = (left: number) => Math.max(8, Math.min(48, (width - left - 12) / xs.length));
  let left = 40;
  for (let round = 0; round < 3; round++) left = Math.max(40, yAxisSpace(ys, yLabel, cellSize(left) * ys.length));
  const margin = {top, right: 12, bottom: 96, left};
  const size = cellSize(left);
  const innerWidth = size * xs.length;
  const height = margin.top + size * ys.length + margin.bottom;
  const xScale = d3
    .scaleBand<string>()
    .domain(xs)
    .range([margin.left, margin.left + innerWidth]);
  const yScale = d3
    .scaleBand<string>()
    .domain(ys)
    .range([margin.top, margin.top + size * ys.length]);
  const [low, high] = d3.extent(data, fill) as [number, number];
  const color = (
    scale === "log"
      ? d3.scaleSequentialLog(interpolate).domain([Math.max(low, 1), high])
      : scale === "sqrt"
        ? d3.scaleSequentialSqrt(interpolate).domain([low, high])
        : d3.scaleSequential(interpolate).domain([low, high])
  ).clamp(true);

  const svgWidth = Math.max(width, margin.left + innerWidth + margin.right);
  const description = options.description ?? describeCells(data, {...options, format});
  const svg = chartSvg("heatmap", svgWidth, height, title, margin.left, description);

  const cells = svg
    .append("g")
    .attr("class", "marks")
    .selectAll("g")
    .data(data)
    .join("g")
    .attr("transform", (row) => `translate(${xScale(String(x(row)))},${yScale(String(y(row)))})`);
  cells
    .append("rect")
    .attr("width", size)
    .attr("height", size)
    .attr("fill", (row) => color(fill(row)))
    .append("title")
    .text(tooltip);
  // Cell values at the largest size up to 11 px at which the widest fits its cell.
  const widest = d3.max(data, (row) => textWidth(format(fill(row)), {size: 10})) ?? 0;
  const fontSize = Math.min(11, size / 3.2, (10 * (size - 4)) / Math.max(widest, 1));
  if (text && fontSize >= 7) {
    cells
      .append("text")
      .attr("x", size / 2)
      .attr("y", size / 2)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .attr("font-size", fontSize)
      .attr("pointer-events", "none")
      .attr("fill", (row) => (d3.lab(color(fill(row))).l < 55 ? "white" : "black"))
      .text((row) => format(fill(row)));
  }
  // Outlines over all the cells, so no neighbour covers them: a dark and a light line, one of
  // which stands out (3:1 or more) against any cell colour in either theme.
  const outlines = svg
    .append("g")
    .attr("class", "outlines")
    .attr("pointer-events", "none")
    .attr("fill", "none")
    .selectAll("g")
    .data(highlight ? data.filter(highlight) : [])
    .join("g")
    .attr("transform", (row) => `translate(${xScale(String(x(row)))},${yScale(String(y(row)))})`);
  outlines
    .append("rect")
    .attr("width", size)
    .attr("height", size)
    .attr("stroke", "currentColor")
    .attr("stroke-width", 2);
  outlines
    .append("rect")
    .attr("x", 2)
    .attr("y", 2)
    .attr("width", Math.max(0, size - 4))
    .attr("height", Math.max(0, size - 4))
    .attr("stroke", "var(--theme-background, white)")
    .attr("stroke-width", 2);

  const bottom = margin.top + size * ys.length;
  const xTicks = bandTicks(xScale, {min: 0, max: svgWidth});
  xAxis(svg, d3.axisBottom(xScale).tickValues(xTicks).tickSizeOuter(0), {
    y: bottom,
    left: margin.left,
    right: margin.left + innerWidth,
    label: xLabel
  });
  const yTicks = bandTicks(yScale, {min: margin.top - 6, max: bottom + 6, vertical: true});
  yAxis(svg, d3.axisLeft(yScale).tickValues(yTicks).tickSizeOuter(0), {
    x: margin.left,
    top: margin.top,
    bottom,
    label: yLabel
  });

  // Colour legend: a gradient bar with ticks on the scale actually used.
  const legendWidth = Math.min(240, innerWidth);
  const legendScale = color.copy().range([0, legendWidth] as never) as unknown as d3.ScaleContinuousNumeric<
    number,
    number
  >;
  const id = `heatmap-gradient-${Math.random().toString(36).slice(2)}`;
  const gradient = svg.append("defs").append("linearGradient").attr("id", id);
  for (const t of d3.range(0, 1.0001, 0.1))
    gradient.append("stop").attr("offset", t).attr("stop-color", interpolate(t));
  // Ticks that fit the bar (its labels stay inside the SVG): fewer of d3's, or round ones on a log scale.
  const bounds = {min: -margin.left, max: svgWidth - margin.left};
  const legendTicks =
    scale === "log"
      ? numericTicks(legendScale, {type: "log", count: 4, ...bounds})
      : fitLinearTicks(legendScale, 4, bounds);
  const legendGroup = svg
    .append("g")
    .attr("class", "legend")
    .attr("transform", `translate(${margin.left},${bottom + 60})`);
  legendGroup.append("rect").attr("width", legendWidth).attr("height", 10).attr("fill", `url(#${id})`);
  legendGroup
    .append("g")
    .attr("transform", "translate(0,10)")
    .call(d3.axisBottom(legendScale).tickValues(legendTicks.values).tickFormat(legendTicks.format).tickSize(4))
    .call((g) => g.select(".domain").remove());
  legendGroup
    .append("text")
    .attr("y", -4)
    .attr("fill", "currentColor")
    .text(legend ?? ""); // above the bar: fits narrow charts
  return svg.node()!;
}

/** The outlined cell (if one) or the highest, in words. */
function describeCells<T>(data: T[], options: HeatmapOptions<T>): string {
  const {x, y, fill, highlight, xLabel = "x", yLabel = "y", legend = "value", format = String} = options;
  const marked = highlight ? data.filter(highlight) : [];
  const cell = marked.length === 1 ? marked[0] : d3.greatest(data, fill);
  if (cell === undefined) return "No cells.";
  return `${marked.length === 1 ? "Outlined" : "Highest"} ${legend}: ${format(fill(cell))} at ${yLabel.toLowerCase()} ${y(cell)}, ${xLabel.toLowerCase()} ${x(cell)}.`;
}
