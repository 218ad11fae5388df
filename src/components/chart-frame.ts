import * as d3 from "d3";

// What every chart shares: the SVG sized to its width, a title, and axes with labels.

/** Options every chart takes. */
export interface FrameOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export type Svg = d3.Selection<SVGSVGElement, undefined, null, undefined>;

const LINE_HEIGHT = 17;

/** `text` broken at spaces into lines of at most `columns` characters (a longer word stands alone). */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= columns) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** An SVG that scales down with the page, with `kind` as a class and an optional title at `left`. */
export function chartSvg(kind: string, width: number, height: number, title: string | undefined, left: number): Svg {
  const svg = d3
    .create("svg")
    .attr("class", `chart ${kind}`)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", [0, 0, width, height])
    .attr("style", "max-width: 100%; height: auto; font: 12px sans-serif; overflow: visible;");
  // A long title wraps onto more lines at 14 px (~0.6 em per character) rather than shrinking
  // or running off a narrow chart; the extra lines extend the SVG upwards, so charts lay out
  // their marks as for a one-line title.
  if (title) {
    const lines = wrap(title, Math.max(12, Math.floor((width - left) / (0.6 * 14))));
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

/** A bottom axis at `y` with its label centred between `left` and `right`. */
export function xAxis<D extends d3.AxisDomain>(
  svg: Svg,
  axis: d3.Axis<D>,
  {y, left, right, label}: {y: number; left: number; right: number; label?: string}
): void {
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${y})`)
    .call(axis)
    .call((g) =>
      g
        .append("text")
        .attr("x", (left + right) / 2)
        .attr("y", 36)
        .attr("fill", "currentColor")
        .attr("text-anchor", "middle")
        .text(label ?? "")
    );
}

/** A left axis at `x` with its label centred between `top` and `bottom`; `grid` draws faint lines that wide. */
export function yAxis<D extends d3.AxisDomain>(
  svg: Svg,
  axis: d3.Axis<D>,
  {x, top, bottom, label, grid}: {x: number; top: number; bottom: number; label?: string; grid?: number}
): void {
  const g = svg.append("g").attr("class", "y-axis").attr("transform", `translate(${x},0)`).call(axis);
  if (grid) g.selectAll(".tick line").clone().attr("x2", grid).attr("stroke-opacity", 0.1);
  g.append("text")
    .attr("transform", "rotate(-90)")
    .attr("x", -(top + bottom) / 2)
    .attr("y", -44)
    .attr("fill", "currentColor")
    .attr("text-anchor", "middle")
    .text(label ?? "");
}

/** Draws a legend entry's mark (a line, band, dot...) in a 16 x 12 box at its group's origin. */
export type Swatch = (g: d3.Selection<SVGGElement, undefined, null, undefined>) => void;

export interface LegendItem {
  label: string;
  swatch: Swatch;
}

/**
 * Legend items flow left to right from `left`, each as wide as its label, wrapping at `width`:
 * each item's [x offset, row], and how many rows they take.
 */
export function legendLayout(items: LegendItem[], left: number, width: number) {
  const positions: [number, number][] = [];
  let cursor = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = 34 + 6.6 * item.label.length;
    if (cursor > 0 && left + cursor + itemWidth > width) [cursor, row] = [0, row + 1];
    positions.push([cursor, row]);
    cursor += itemWidth;
  }
  return {positions, rows: items.length ? row + 1 : 0};
}

/** The legend, laid out by `legendLayout`, under the title (if any). */
export function drawLegend(svg: Svg, items: LegendItem[], left: number, width: number, title?: string): void {
  const {positions} = legendLayout(items, left, width);
  items.forEach((item, i) => {
    const [dx, row] = positions[i];
    const g = svg
      .append("g")
      .attr("class", "legend-item")
      .attr("transform", `translate(${left + dx},${(title ? 34 : 12) + row * 18})`);
    item.swatch(g);
    g.append("text").attr("x", 22).attr("dy", "0.35em").attr("fill", "currentColor").text(item.label);
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
