import * as d3 from "d3";
import {chartSvg, drawLegend, type FrameOptions, frameAxes, type LegendItem, legendLayout} from "./chart-frame.js";

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

/** The reader's run stands out from the series' colours (Tableau 10): a heavier magenta line with diamonds. */
const READER_COLOR = "#d6008f";

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

  const legend: LegendItem[] = [];
  for (const name of names.filter((n) => n))
    legend.push({
      label: name,
      swatch: (g) => g.append("line").attr("x2", 16).attr("stroke", color(name)).attr("stroke-width", 2)
    });
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

  const readerPoints = reader?.points ?? [];
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

  const legendLeft = 58;
  const legendRows = legendLayout(legend, legendLeft, width).rows;
  const margin = {top: (title ? 30 : 8) + legendRows * 18 + 6, right: 20, bottom: 44, left: legendLeft};
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
  const [x0, x1] = options.xDomain ?? (d3.extent(allX) as [number, number]);
  const xScale = (xType === "log" ? d3.scaleLog() : d3.scaleLinear())
    .domain(xType === "log" ? [x0 / 1.15, x1 * 1.15] : [x0, x1])
    .range([margin.left, width - margin.right]);
  const yScale = d3
    .scaleLinear()
    .domain(options.yDomain ?? (d3.extent(allY) as [number, number]))
    .nice()
    .range([height - margin.bottom, margin.top]);

  const svg = chartSvg("line-chart", width, height, title, margin.left);
  drawLegend(svg, legend, margin.left, width, title);

  const xAxisGenerator = d3.axisBottom(xScale).tickSizeOuter(0);
  if (options.xTicks) xAxisGenerator.tickValues(options.xTicks).tickFormat((d) => String(d));
  else if (xType === "log") xAxisGenerator.ticks(6, "~g");
  else xAxisGenerator.ticks(Math.max(2, Math.floor(width / 70))); // no crowding on narrow screens
  frameAxes(svg, xAxisGenerator, d3.axisLeft(yScale).ticks(height / 45), {margin, width, height, xLabel, yLabel});

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
    const sorted = [...referenceRows].sort((a, b) => reference.x(a) - reference.x(b));
    marks
      .append("path")
      .attr("class", "reference")
      .attr("fill", "none")
      .attr("stroke", "currentColor")
      .attr("stroke-dasharray", "4 3")
      .attr(
        "d",
        d3
          .line<R>()
          .x((r) => xScale(reference.x(r)))
          .y((r) => yScale(reference.y(r)))(sorted)
      );
    marks
      .append("g")
      .selectAll("rect")
      .data(sorted)
      .join("rect")
      .attr("x", (r) => xScale(reference.x(r)) - 3)
      .attr("y", (r) => yScale(reference.y(r)) - 3)
      .attr("width", 6)
      .attr("height", 6)
      .attr("fill", "var(--theme-background, white)")
      .attr("stroke", "currentColor")
      .append("title")
      .text((r) => `${reference.label}: ${xLabel ?? "x"} ${reference.x(r)}, ${format(reference.y(r))}`);
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
    const best = data.filter(highlight);
    const g = marks
      .append("g")
      .attr("class", "highlight")
      .selectAll("g")
      .data(best)
      .join("g")
      .attr("transform", (r) => `translate(${xScale(x(r))},${yScale(y(r))})`);
    g.append("circle").attr("r", 8).attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 2);
    g.append("text")
      .attr("y", -13)
      .attr("text-anchor", "middle")
      .attr("fill", "currentColor")
      .attr("font-weight", "bold")
      .text((r) => options.highlightLabel?.(r) ?? format(y(r)));
  }
  if (reader) {
    const g = marks
      .append("g")
      .attr("class", "reader")
      .attr("data-stored", String(Boolean(reader.stored)));
    const sorted = [...readerPoints].sort((a, b) => a.x - b.x);
    if (sorted.length > 1)
      g.append("path")
        .attr("fill", "none")
        .attr("stroke", READER_COLOR)
        .attr("stroke-width", 2.5)
        .attr(
          "d",
          d3
            .line<{x: number; y: number}>()
            .x((p) => xScale(p.x))
            .y((p) => yScale(p.y))(sorted)
        );
    g.selectAll("path.point")
      .data(sorted)
      .join("path")
      .attr("class", "point")
      .attr("transform", (p) => `translate(${xScale(p.x)},${yScale(p.y)})`)
      .attr("d", d3.symbol(d3.symbolDiamond, 80)())
      .attr("fill", READER_COLOR)
      .attr("stroke", "var(--theme-background, white)")
      .append("title")
      .text((p) => `${reader.label}: ${xLabel ?? "x"} ${p.x}, ${format(p.y)}`);
  }
  return svg.node()!;
}
