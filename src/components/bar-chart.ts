import * as d3 from "d3";

export interface BarChartOptions<T> {
  /** Category of a bar (shown on the x axis). */
  x: (row: T) => string | number;
  /** Length of a bar. */
  y: (row: T) => number;
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
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
  const xScale = d3.scaleBand<string>()
    .domain(data.map((row) => String(x(row))))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const yScale = d3.scaleLinear()
    .domain(options.yDomain ?? [0, d3.max(data, y) ?? 1])
    .nice()
    .range([height - margin.bottom, margin.top]);

  const svg = d3.create("svg")
    .attr("class", "chart bar-chart")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", [0, 0, width, height])
    .attr("style", "max-width: 100%; height: auto; font: 12px sans-serif;");
  if (title) svg.append("text").attr("class", "chart-title").attr("x", margin.left).attr("y", 18)
    .attr("fill", "currentColor").attr("font-weight", "bold").attr("font-size", 14).text(title);

  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(xScale).tickSizeOuter(0))
    .call((g) => g.append("text").attr("x", (margin.left + width - margin.right) / 2).attr("y", 36)
      .attr("fill", "currentColor").attr("text-anchor", "middle").text(xLabel ?? ""));
  svg.append("g").attr("class", "y-axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(yScale).ticks(height / 40))
    .call((g) => g.selectAll(".tick line").clone().attr("x2", width - margin.left - margin.right).attr("stroke-opacity", 0.1))
    .call((g) => g.append("text").attr("transform", "rotate(-90)").attr("x", -(margin.top + height - margin.bottom) / 2)
      .attr("y", -44).attr("fill", "currentColor").attr("text-anchor", "middle").text(yLabel ?? ""));

  const bars = svg.append("g").attr("class", "marks").selectAll("g").data(data).join("g");
  const base = yScale(Math.max(yScale.domain()[0], 0));
  bars.append("rect")
    .attr("x", (row) => xScale(String(x(row)))!)
    .attr("width", xScale.bandwidth())
    .attr("y", (row) => Math.min(yScale(y(row)), base))
    .attr("height", (row) => Math.abs(base - yScale(y(row))))
    .attr("fill", "var(--theme-foreground-focus, steelblue)")
    .append("title").text(tooltip);
  bars.append("text")
    .attr("x", (row) => xScale(String(x(row)))! + xScale.bandwidth() / 2)
    .attr("y", (row) => yScale(y(row)) - 4)
    .attr("text-anchor", "middle").attr("fill", "currentColor").attr("font-size", xScale.bandwidth() < 36 ? 9 : 11)
    .text((row) => format(y(row)));
  return svg.node()!;
}
