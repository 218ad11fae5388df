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
