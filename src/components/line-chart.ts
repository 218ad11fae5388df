import * as d3 from "d3";
import {chartSvg, drawLegend, type FrameOptions, frameAxes, legendHeight, yAxisSpace} from "./chart-frame.js";
import {describeLines, drawHighlights, drawReader, drawReference, headroom, lineLegend} from "./line-parts.js";
import {numericTicks} from "./tick-fit.js";

export interface LineChartOptions<T, D = unknown, R = unknown, S = unknown> extends FrameOptions {
  x: (row: T) => number;
  y: (row: T) => number;
  /** Series a row belongs to: one line (and band) per series, with a legend. */
  series?: (row: T) => string;
  /** A band around each line, e.g. the min-max or a 95% interval over seeds. */
  band?: {low: (row: T) => number; high: (row: T) => number; label: string};
  /** Faint individual points (e.g. each seed's score). */
  dots?: {rows: Iterable<D>; x: (row: D) => number; y: (row: D) => number; series?: (row: D) => string; label: string};
  /** Faint lines, one per group (e.g. each seed's curve, group "seed 3"), in their series' colour. */
  traces?: {
    rows: Iterable<S>;
    x: (row: S) => number;
    y: (row: S) => number;
    group: (row: S) => string | number;
    series?: (row: S) => string;
    label: string;
  };
  /** Another curve drawn dashed for comparison (e.g. the reproduction's single seed). */
  reference?: {rows: Iterable<R>; x: (row: R) => number; y: (row: R) => number; label: string};
  /** Rows marked with a ring and labelled (e.g. the best mean). */
  highlight?: (row: T) => boolean;
  highlightLabel?: (row: T) => string;
  xType?: "linear" | "log";
  /** Values to label on the x axis; those that do not fit the width are left out. */
  xTicks?: number[];
  /** The x axis's extent, when the data do not span it yet (e.g. a run that has just started). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  format?: (value: number) => string;
  tooltip?: (row: T) => string;
  colors?: readonly string[];
  /** One run the reader picked or trained (see tryPanel), drawn over everything else and labelled. */
  reader?: ReaderRun | null;
}

/** A run drawn by itself on a chart: one point, or a curve over epochs. */
export interface ReaderRun {
  points: {x: number; y: number}[];
  /** The legend's words, e.g. "your run: lr 0.4, seed 1 (first 10,000 images)". */
  label: string;
  /** The build stored this run (shown from its results, not trained in the page). */
  stored?: boolean;
}

/**
 * Lines over x with optional bands, faint dots, a dashed reference curve and highlighted
 * points; a legend names everything drawn. Returns an SVG element.
 */
export function lineChart<T, D = unknown, R = unknown, S = unknown>(
  rows: Iterable<T>,
  options: LineChartOptions<T, D, R, S>
): SVGSVGElement {
  const data = Array.from(rows);
  const {
    x,
    y,
    series = () => "",
    band,
    dots,
    traces,
    reference,
    highlight,
    reader,
    xType = "linear",
    width = 640,
    height = 360
  } = options;
  const {title, xLabel, yLabel, format = d3.format(".4f"), colors = d3.schemeTableau10} = options;
  const dotRows = dots ? Array.from(dots.rows) : [];
  const referenceRows = reference ? Array.from(reference.rows) : [];
  const traceRows = traces ? Array.from(traces.rows) : [];
  const tooltip =
    options.tooltip ??
    ((row: T) => `${series(row) ? series(row) + ", " : ""}${xLabel ?? "x"} ${x(row)}: ${format(y(row))}`);
  const names = Array.from(new Set(data.map(series)));
  const color = d3
    .scaleOrdinal<string, string>()
    .domain(names)
    .range(names.length > 1 ? colors : ["var(--theme-foreground-focus, steelblue)"]);

  const legend = lineLegend(options, names, color);
  const readerPoints = reader?.points ?? [];
  const allX = [
    ...data.map(x),
    ...(dots ? dotRows.map(dots.x) : []),
    ...(traces ? traceRows.map(traces.x) : []),
    ...(reference ? referenceRows.map(reference.x) : []),
    ...readerPoints.map((p) => p.x)
  ];
  const allY = [
    ...data.map(y),
    ...(traces ? traceRows.map(traces.y) : []),
    ...(band ? data.flatMap((r) => [band.low(r), band.high(r)]) : []),
    ...(dots ? dotRows.map(dots.y) : []),
    ...(reference ? referenceRows.map(reference.y) : []),
    ...readerPoints.map((p) => p.y)
  ];
  // The y axis's text sets the left margin and the legend (from that margin) the top one; the
  // y title wraps to the plot's height, which the top margin sets: two rounds settle both.
  const top = (left: number) => (title ? 30 : 8) + legendHeight(legend, left, width) + 6;
  const yScale = d3
    .scaleLinear()
    .domain(
      options.yDomain ??
        headroom(
          d3.extent(allY) as [number, number],
          highlight ? data.filter(highlight).map(y) : [],
          height - 44 - top(58)
        )
    )
    .nice();
  const yCount = height / 45;
  const yTicks = yScale.ticks(yCount).map(yScale.tickFormat(yCount));
  let margin = {top: top(58), right: 20, bottom: 44, left: 58};
  for (let round = 0; round < 2; round++) {
    const left = Math.max(40, yAxisSpace(yTicks, yLabel, height - margin.bottom - margin.top));
    margin = {...margin, left, top: top(left)};
  }
  yScale.range([height - margin.bottom, margin.top]);
  const [x0, x1] = options.xDomain ?? (d3.extent(allX) as [number, number]);
  const xScale = (xType === "log" ? d3.scaleLog() : d3.scaleLinear())
    .domain(xType === "log" ? [x0 / 1.15, x1 * 1.15] : [x0, x1])
    .range([margin.left, width - margin.right]);

  const description = options.description ?? describeLines(data, options);
  const svg = chartSvg("line-chart", width, height, title, margin.left, description);
  drawLegend(svg, legend, margin.left, width, title);

  const xTicks = numericTicks(xScale, {
    type: xType,
    values: options.xTicks,
    count: Math.max(2, Math.floor(width / 70)),
    min: 0,
    max: width
  });
  const xAxisGenerator = d3.axisBottom(xScale).tickSizeOuter(0).tickValues(xTicks.values).tickFormat(xTicks.format);
  frameAxes(svg, xAxisGenerator, d3.axisLeft(yScale).ticks(yCount), {margin, width, height, xLabel, yLabel});

  const marks = svg.append("g").attr("class", "marks");
  if (traces) {
    const groups = d3.groups(traceRows, (r) => traces.series?.(r) ?? names[0], traces.group);
    const g = marks.append("g").attr("class", "traces");
    for (const [name, members] of groups) {
      for (const [group, points] of members) {
        g.append("path")
          .attr("fill", "none")
          .attr("stroke", color(name))
          .attr("stroke-width", 1)
          .attr("opacity", 0.45)
          .attr(
            "d",
            d3
              .line<S>()
              .x((r) => xScale(traces.x(r)))
              .y((r) => yScale(traces.y(r)))([...points].sort((a, b) => traces.x(a) - traces.x(b)))
          )
          .append("title")
          .text(`${name ? name + ", " : ""}${group}`);
      }
    }
  }
  const path = d3
    .line<T>()
    .x((r) => xScale(x(r)))
    .y((r) => yScale(y(r)));
  const area = band
    ? d3
        .area<T>()
        .x((r) => xScale(x(r)))
        .y0((r) => yScale(band.low(r)))
        .y1((r) => yScale(band.high(r)))
    : undefined;
  for (const name of names) {
    const line = data.filter((row) => series(row) === name).sort((a, b) => x(a) - x(b));
    if (area) {
      marks.append("path").attr("class", "band").attr("fill", color(name)).attr("opacity", 0.18).attr("d", area(line));
    }
    marks
      .append("path")
      .attr("class", "line")
      .attr("fill", "none")
      .attr("stroke", color(name))
      .attr("stroke-width", 2)
      .attr("d", path(line));
  }
  if (dots) {
    marks
      .append("g")
      .attr("class", "dots")
      .selectAll("circle")
      .data(dotRows)
      .join("circle")
      .attr("cx", (d) => xScale(dots.x(d)))
      .attr("cy", (d) => yScale(dots.y(d)))
      .attr("r", 2.5)
      .attr("fill", (d) => color(dots.series?.(d) ?? names[0]))
      .attr("opacity", 0.35);
  }
  if (reference) {
    const points = referenceRows.map((r) => {
      const [px, py] = [reference.x(r), reference.y(r)];
      return {x: px, y: py, px: xScale(px), py: yScale(py)};
    });
    drawReference(marks, points, (p) => `${reference.label}: ${xLabel ?? "x"} ${p.x}, ${format(p.y)}`);
  }
  // Points on each line, with tooltips (hover shows exact values and spread).
  marks
    .append("g")
    .attr("class", "points")
    .selectAll("circle")
    .data(data)
    .join("circle")
    .attr("cx", (r) => xScale(x(r)))
    .attr("cy", (r) => yScale(y(r)))
    .attr("r", 3.5)
    .attr("fill", (r) => color(series(r)))
    .append("title")
    .text(tooltip);
  if (highlight) {
    const at = (r: T) => ({x: xScale(x(r)), y: yScale(y(r))});
    drawHighlights(
      marks,
      data.filter(highlight).map((r) => ({...at(r), label: options.highlightLabel?.(r) ?? format(y(r))})),
      data.map(at),
      {left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom}
    );
  }
  if (reader) {
    const px = (p: {x: number; y: number}) => ({...p, px: xScale(p.x), py: yScale(p.y)});
    drawReader(marks, reader, readerPoints.map(px), (p) => `${reader.label}: ${xLabel ?? "x"} ${p.x}, ${format(p.y)}`);
  }
  return svg.node()!;
}
