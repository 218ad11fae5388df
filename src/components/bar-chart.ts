import * as d3 from "d3";
import {chartSvg, type FrameOptions, frameAxes} from "./chart-frame.js";

export interface BarChartOptions<T> extends FrameOptions {
  /** Category of a bar (shown on the x axis). */
  x: (row: T) => string | number;
  /** Length of a bar. */
  y: (row: T) => number;
  /** y scale domain; defaults to [0, max]. */
  yDomain?: [number, number];
  /** Format of the value printed on each bar and in its tooltip. */
  format?: (value: number) => string;
  /** Tooltip text of a bar; defaults to "x: formatted y". */
  tooltip?: (row: T) => string;
}

/** A vertical bar chart with labelled axes and a value on each bar. Returns an SVG element. */
export function barChart<T>(rows: Iterable<T>, options: BarChartOptions<T>): SVGSVGElement {
  const data = Array.from(rows);
  const {x, y, width = 640, height = 300, title, xLabel, yLabel, format = d3.format(".3f")} = options;
  const tooltip = options.tooltip ?? ((row: T) => `${x(row)}: ${format(y(row))}`);
  const margin = {top: title ? 36 : 16, right: 16, bottom: 44, left: 56};
  const xScale = d3
    .scaleBand<string>()
    .domain(data.map((row) => String(x(row))))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const yScale = d3
    .scaleLinear()
    .domain(options.yDomain ?? [0, d3.max(data, y) ?? 1])
    .nice()
    .range([height - margin.bottom, margin.top]);

  const svg = chartSvg("bar-chart", width, height, title, margin.left);
  frameAxes(svg, d3.axisBottom(xScale).tickSizeOuter(0), d3.axisLeft(yScale).ticks(height / 40), {
    margin,
    width,
    height,
    xLabel,
    yLabel
  });

  const bars = svg.append("g").attr("class", "marks").selectAll("g").data(data).join("g");
  const base = yScale(Math.max(yScale.domain()[0], 0));
  bars
    .append("rect")
    .attr("x", (row) => xScale(String(x(row)))!)
    .attr("width", xScale.bandwidth())
    .attr("y", (row) => Math.min(yScale(y(row)), base))
    .attr("height", (row) => Math.abs(base - yScale(y(row))))
    .attr("fill", "var(--theme-foreground-focus, steelblue)")
    .append("title")
    .text(tooltip);
  bars
    .append("text")
    .attr("x", (row) => xScale(String(x(row)))! + xScale.bandwidth() / 2)
    .attr("y", (row) => yScale(y(row)) - 4)
    .attr("text-anchor", "middle")
    .attr("fill", "currentColor")
    .attr("font-size", xScale.bandwidth() < 36 ? 9 : 11)
    .text((row) => format(y(row)));
  return svg.node()!;
}
