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

/** An SVG that scales down with the page, with `kind` as a class and an optional title at `left`. */
export function chartSvg(kind: string, width: number, height: number, title: string | undefined, left: number): Svg {
  const svg = d3
    .create("svg")
    .attr("class", `chart ${kind}`)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", [0, 0, width, height])
    .attr("style", "max-width: 100%; height: auto; font: 12px sans-serif; overflow: visible;");
  // Titles shrink (to 10 px at least) rather than run off a narrow chart: ~0.6 em per character.
  const size = title ? Math.max(10, Math.min(14, (width - left) / (0.6 * title.length))) : 14;
  if (title)
    svg
      .append("text")
      .attr("class", "chart-title")
      .attr("x", left)
      .attr("y", 18)
      .attr("fill", "currentColor")
      .attr("font-weight", "bold")
      .attr("font-size", size)
      .text(title);
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
