import * as d3 from "d3";
import {chartSvg, type FrameOptions, frameAxes, yAxisSpace} from "./chart-frame.js";
import {textWidth} from "./text-fit.js";
import {bandTicks} from "./tick-fit.js";

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

/**
 * The size (px) at which every bar's value fits over its bar: 11 within the bar's width, else
 * 9 within its step (bar and padding) less a gap; 0 when even that is too narrow, and the values
 * are left to the tooltips.
 */
export function valueLabelSize(labels: string[], bandwidth: number, step: number, measure = textWidth): number {
  const widest = (size: number) => d3.max(labels, (l) => measure(l, {size})) ?? 0;
  if (widest(11) <= bandwidth) return 11;
  if (widest(9) <= step - 3) return 9;
  return 0;
}

/** The highest and lowest bars, in words. */
function describeBars<T>(data: T[], {x, y, format, xLabel = "", yLabel = "value"}: BarChartOptions<T>): string {
  const [high, low] = [d3.greatest(data, y), d3.least(data, y)];
  if (high === undefined || low === undefined) return "No bars.";
  const name = (row: T) => `${xLabel.toLowerCase()} ${x(row)}`.trim();
  return `${yLabel}: highest ${format!(y(high))} (${name(high)}), lowest ${format!(y(low))} (${name(low)}).`;
}

/** A vertical bar chart with labelled axes and a value on each bar that has room for it. Returns an SVG element. */
export function barChart<T>(rows: Iterable<T>, options: BarChartOptions<T>): SVGSVGElement {
  const data = Array.from(rows);
  const {x, y, width = 640, height = 300, title, xLabel, yLabel, format = d3.format(".3f")} = options;
  const tooltip = options.tooltip ?? ((row: T) => `${x(row)}: ${format(y(row))}`);
  const yScale = d3
    .scaleLinear()
    .domain(options.yDomain ?? [0, d3.max(data, y) ?? 1])
    .nice();
  const yCount = height / 40;
  const top = title ? 40 : 18; // room for a value label over a full-height bar
  const left = Math.max(40, yAxisSpace(yScale.ticks(yCount).map(yScale.tickFormat(yCount)), yLabel, height - 44 - top));
  const margin = {top, right: 16, bottom: 44, left};
  yScale.range([height - margin.bottom, margin.top]);
  const xScale = d3
    .scaleBand<string>()
    .domain(data.map((row) => String(x(row))))
    .range([margin.left, width - margin.right])
    .padding(0.2);

  const description = options.description ?? describeBars(data, {...options, format});
  const svg = chartSvg("bar-chart", width, height, title, margin.left, description);
  const xAxis = d3
    .axisBottom(xScale)
    .tickValues(bandTicks(xScale, {min: 0, max: width}))
    .tickSizeOuter(0);
  frameAxes(svg, xAxis, d3.axisLeft(yScale).ticks(yCount), {margin, width, height, xLabel, yLabel});

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
  const size = valueLabelSize(
    data.map((row) => format(y(row))),
    xScale.bandwidth(),
    xScale.step()
  );
  if (size)
    bars
      .append("text")
      .attr("x", (row) => xScale(String(x(row)))! + xScale.bandwidth() / 2)
      .attr("y", (row) => yScale(y(row)) - 4)
      .attr("text-anchor", "middle")
      .attr("fill", "currentColor")
      .attr("font-size", size)
      .text((row) => format(y(row)));
  return svg.node()!;
}
