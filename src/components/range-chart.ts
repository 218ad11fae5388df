import * as d3 from "d3";
import {
  chartSvg,
  drawLegend,
  type FrameOptions,
  type LegendItem,
  legendHeight,
  type Swatch,
  xAxis
} from "./chart-frame.js";
import {BODY, wrapLines} from "./text-fit.js";
import {fitLinearTicks} from "./tick-fit.js";

export interface RangeChartOptions<T, M> extends FrameOptions {
  /** The row (category) a value belongs to; each row is labelled above its marks. */
  y: (row: T) => string;
  /** A value of that category, e.g. one seed's score: drawn as a dot, with the range they span. */
  x: (row: T) => number;
  /** Legend label of the dots and their range. */
  label?: string;
  /** Single figures to set against each range (e.g. published scores), drawn as diamonds. */
  marks?: {
    rows: Iterable<M>;
    y: (row: M) => string;
    x: (row: M) => number;
    label: string;
    tooltip?: (row: M) => string;
  };
  format?: (value: number) => string;
  tooltip?: (row: T) => string;
}

/**
 * One row per category: its values as dots, the min-max range they span as a bar, their mean
 * as a tick, and single figures as diamonds against them. Returns an SVG element.
 */
export function rangeChart<T, M = unknown>(rows: Iterable<T>, options: RangeChartOptions<T, M>): SVGSVGElement {
  const data = Array.from(rows);
  const markRows = options.marks ? Array.from(options.marks.rows) : [];
  const {x, y, marks, width = 640, title, xLabel, label = "each seed", format = d3.format(".4f")} = options;
  const tooltip = options.tooltip ?? ((row: T) => `${y(row)}: ${format(x(row))}`);
  const categories = Array.from(new Set([...data.map(y), ...(marks ? markRows.map(marks.y) : [])]));
  const focus = "var(--theme-foreground-focus, steelblue)";
  const legend: LegendItem[] = [
    {label, swatch: (g) => g.append("circle").attr("cx", 8).attr("r", 3).attr("fill", focus).attr("opacity", 0.6)},
    {
      label: "their range and mean",
      swatch: (g) =>
        g.append("rect").attr("y", -3).attr("width", 16).attr("height", 6).attr("fill", focus).attr("opacity", 0.25)
    },
    ...(marks
      ? [
          {
            label: marks.label,
            swatch: ((g) =>
              g
                .append("path")
                .attr("transform", "translate(8,0)")
                .attr("d", d3.symbol(d3.symbolDiamond, 48)())
                .attr("fill", "none")
                .attr("stroke", "currentColor")
                .attr("stroke-width", 1.5)) as Swatch
          }
        ]
      : [])
  ];
  const margin = {top: (title ? 30 : 8) + legendHeight(legend, 20, width) + 6, right: 20, bottom: 44, left: 20};
  // A label too wide for the chart wraps, at a comma or before "(" where it can (measured).
  const labelLines = (category: string): string[] =>
    wrapLines(category, width - margin.left - margin.right, {...BODY, weight: "bold"});
  // Each row: its label on top, its marks 16 px below the label's last line.
  const tops: number[] = [];
  let bottom = margin.top;
  for (const category of categories) {
    tops.push(bottom);
    bottom += 32 + 14 * labelLines(category).length;
  }
  const height = options.height ?? bottom + margin.bottom;
  const allX = [...data.map(x), ...(marks ? markRows.map(marks.x) : [])];
  const xScale = d3
    .scaleLinear()
    .domain(d3.extent(allX) as [number, number])
    .nice()
    .range([margin.left, width - margin.right]);
  /** The categories with the highest and lowest mean, in words. */
  const describe = () => {
    const means = d3.rollups(data, (v) => d3.mean(v, x)!, y);
    const [top, bottom] = [d3.greatest(means, (m) => m[1]), d3.least(means, (m) => m[1])];
    if (!top || !bottom) return "No values.";
    return `Highest mean: ${top[0]}, ${format(top[1])}; lowest mean: ${bottom[0]}, ${format(bottom[1])}.`;
  };
  const rowY = (category: string) => tops[categories.indexOf(category)] + 14 * labelLines(category).length + 14;

  const svg = chartSvg("range-chart", width, height, title, margin.left, options.description ?? describe());
  drawLegend(svg, legend, margin.left, width, title);

  const ticks = fitLinearTicks(xScale, Math.max(2, Math.floor(width / 80)), {min: 0, max: width});
  xAxis(svg, d3.axisBottom(xScale).tickValues(ticks.values).tickFormat(ticks.format).tickSizeOuter(0), {
    y: height - margin.bottom,
    left: margin.left,
    right: width - margin.right,
    label: xLabel
  });
  // A y "axis" in the sense the other charts have one: the category labels.
  const labels = svg.append("g").attr("class", "y-axis");
  const marksGroup = svg.append("g").attr("class", "marks");
  for (const category of categories) {
    const cy = rowY(category);
    const lines = labelLines(category);
    labels
      .append("g")
      .attr("class", "tick")
      .append("text")
      .attr("x", margin.left)
      .attr("y", cy - 12 - 14 * (lines.length - 1))
      .attr("fill", "currentColor")
      .attr("font-weight", "bold")
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", margin.left)
      .attr("dy", (_, i) => (i ? 14 : 0))
      .text((d) => d);
    const values = data.filter((row) => y(row) === category);
    const row = marksGroup.append("g").attr("class", "range-row");
    row
      .append("line")
      .attr("x1", margin.left)
      .attr("x2", width - margin.right)
      .attr("y1", cy)
      .attr("y2", cy)
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.1);
    if (values.length) {
      const [low, high] = d3.extent(values, x) as [number, number];
      const mean = d3.mean(values, x)!;
      row
        .append("rect")
        .attr("class", "range")
        .attr("x", xScale(low) - 3)
        .attr("width", xScale(high) - xScale(low) + 6)
        .attr("y", cy - 6)
        .attr("height", 12)
        .attr("rx", 6)
        .attr("fill", focus)
        .attr("opacity", 0.25)
        .append("title")
        .text(`${category}: range ${format(low)}–${format(high)}, mean ${format(mean)} (${values.length} values)`);
      row
        .append("line")
        .attr("class", "mean")
        .attr("x1", xScale(mean))
        .attr("x2", xScale(mean))
        .attr("y1", cy - 9)
        .attr("y2", cy + 9)
        .attr("stroke", focus)
        .attr("stroke-width", 2);
      row
        .selectAll("circle")
        .data(values)
        .join("circle")
        .attr("cx", (r) => xScale(x(r)))
        .attr("cy", cy)
        .attr("r", 3)
        .attr("fill", focus)
        .attr("opacity", 0.6)
        .append("title")
        .text(tooltip);
    }
    if (marks) {
      row
        .selectAll("path.figure")
        .data(markRows.filter((m) => marks.y(m) === category))
        .join("path")
        .attr("class", "figure")
        .attr("transform", (m) => `translate(${xScale(marks.x(m))},${cy})`)
        .attr("d", d3.symbol(d3.symbolDiamond, 70)())
        .attr("fill", "var(--theme-background, white)")
        .attr("fill-opacity", 0.4)
        .attr("stroke", "currentColor")
        .attr("stroke-width", 1.5)
        .append("title")
        .text((m) => marks.tooltip?.(m) ?? `${marks.label}: ${format(marks.x(m))}`);
    }
  }
  return svg.node()!;
}
