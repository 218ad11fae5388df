import * as d3 from "d3";
import {chartSvg, xAxis, yAxis, type FrameOptions} from "./chart-frame.js";

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
  /** Cells drawn with a thick outline (the best cell, the diagonal...). */
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
  const margin = {top: title ? 36 : 12, right: 12, bottom: 96, left: 56};
  const size = Math.max(8, Math.min(48, (width - margin.left - margin.right) / xs.length));
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

  const svg = chartSvg("heatmap", Math.max(width, margin.left + innerWidth + margin.right), height, title, margin.left);

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
    .attr("stroke", (row) => (highlight?.(row) ? "currentColor" : "none"))
    .attr("stroke-width", 2)
    .append("title")
    .text(tooltip);
  if (text && size >= 18) {
    cells
      .append("text")
      .attr("x", size / 2)
      .attr("y", size / 2)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .attr("font-size", Math.min(11, size / 3.2))
      .attr("pointer-events", "none")
      .attr("fill", (row) => (d3.lab(color(fill(row))).l < 55 ? "white" : "black"))
      .text((row) => format(fill(row)));
  }

  const bottom = margin.top + size * ys.length;
  xAxis(svg, d3.axisBottom(xScale).tickSizeOuter(0), {
    y: bottom,
    left: margin.left,
    right: margin.left + innerWidth,
    label: xLabel
  });
  yAxis(svg, d3.axisLeft(yScale).tickSizeOuter(0), {x: margin.left, top: margin.top, bottom, label: yLabel});

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
  const legendGroup = svg
    .append("g")
    .attr("class", "legend")
    .attr("transform", `translate(${margin.left},${bottom + 60})`);
  legendGroup.append("rect").attr("width", legendWidth).attr("height", 10).attr("fill", `url(#${id})`);
  legendGroup
    .append("g")
    .attr("transform", "translate(0,10)")
    .call(
      d3
        .axisBottom(legendScale)
        .ticks(4, scale === "log" ? "~s" : undefined)
        .tickSize(4)
    )
    .call((g) => g.select(".domain").remove());
  legendGroup
    .append("text")
    .attr("y", -4)
    .attr("fill", "currentColor")
    .text(legend ?? ""); // above the bar: fits narrow charts
  return svg.node()!;
}
