// Which tick labels an axis shows: as many as fit their measured widths with a gap between,
// so labels never run into each other or off the chart. d3 chooses candidate values (scale.ticks);
// this only thins them.
import * as d3 from "d3";
import {type Font, type Measure, TICK, textWidth} from "./text-fit.js";

/** A tick's value, its position along the axis in px, and its label. */
export interface Tick<V> {
  value: V;
  x: number;
  label: string;
}

/** How much a number's label is worth keeping: powers of ten, then 2 and 5 multiples, fewest digits. */
export function roundness(value: number): number {
  if (value === 0) return -1;
  const digits = (
    Math.abs(value).toPrecision(12).replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "") || "0"
  ).length;
  const lead = Number(Math.abs(value).toExponential().charAt(0));
  return -2 * digits + (lead === 1 ? 1 : lead === 2 || lead === 5 ? 0.5 : 0);
}

/** Indices 0 and n-1, then the midpoints of the gaps between chosen ones, widest first. */
export function spreadOrder(n: number): number[] {
  if (n <= 0) return [];
  const order = n > 1 ? [0, n - 1] : [0];
  const queue: [number, number][] = [[0, n - 1]];
  while (queue.length) {
    const [a, b] = queue.shift()!;
    if (b - a < 2) continue;
    const mid = Math.floor((a + b) / 2);
    order.push(mid);
    queue.push([a, mid], [mid, b]);
  }
  return order;
}

/**
 * The ticks whose labels (centred on their x, `font`) keep `gap` px apart and stay within
 * [min, max]. Evenly spaced ticks keep every k-th one, k as small as fits, so the spacing stays
 * regular; others are taken greedily by `priority` (default: the first and last, then round
 * numbers), ties by spread, so a log axis keeps 0.1 and 1 before 0.15. Returns them in order.
 */
export function thinTicks<V>(
  ticks: Tick<V>[],
  {min, max, gap = 6, font = TICK, measure = textWidth, priority}: ThinOptions<V>
): Tick<V>[] {
  const spans = ticks.map((t) => {
    const half = measure(t.label, font) / 2;
    return {tick: t, left: t.x - half, right: t.x + half};
  });
  const fitsEdges = (s: (typeof spans)[number]) => s.left >= min && s.right <= max;
  const apart = (chosen: typeof spans) => chosen.every((s, i) => i === 0 || s.left >= chosen[i - 1].right + gap);
  const steps = spans.slice(1).map((s, i) => s.tick.x - spans[i].tick.x);
  const even = steps.length > 1 && steps.every((d) => Math.abs(d - steps[0]) <= 0.01 * Math.abs(steps[0]) + 0.01);
  if (even) {
    for (let k = 1; k <= spans.length; k++) {
      const chosen = spans.filter((s, i) => i % k === 0 && fitsEdges(s));
      if (apart(chosen)) return chosen.map((s) => s.tick);
    }
    return [];
  }
  const rank = (i: number) =>
    priority
      ? priority(ticks[i].value)
      : typeof ticks[i].value === "number"
        ? roundness(ticks[i].value as number) + (i === 0 || i === ticks.length - 1 ? 0.75 : 0)
        : 0;
  const order = spreadOrder(ticks.length);
  const place = new Map(order.map((i, k) => [i, k]));
  const chosen: typeof spans = [];
  for (const i of [...order].sort((a, b) => rank(b) - rank(a) || place.get(a)! - place.get(b)!)) {
    const s = spans[i];
    if (fitsEdges(s) && chosen.every((c) => s.left >= c.right + gap || s.right + gap <= c.left)) chosen.push(s);
  }
  return chosen.sort((a, b) => a.tick.x - b.tick.x).map((s) => s.tick);
}

export interface ThinOptions<V> {
  /** The labels must stay within [min, max] px (e.g. the SVG's edges). */
  min: number;
  max: number;
  /** Least space between two labels, px. */
  gap?: number;
  font?: Font;
  measure?: Measure;
  /** Higher is kept first. */
  priority?: (value: V) => number;
}

/**
 * A linear scale's ticks at the largest count (up to `count`) whose labels, in d3's own format
 * for that count, all keep `gap` px apart within [min, max]: d3 picks the values, this only
 * lowers the count. Falls back to thinning the fewest ticks.
 */
export function fitLinearTicks(
  scale: {
    ticks(count: number): number[];
    tickFormat(count: number): (value: d3.NumberValue) => string;
    (value: number): number;
  },
  count: number,
  options: ThinOptions<number>
): {values: number[]; format: (value: d3.NumberValue) => string} {
  const {min, max, font = TICK, measure = textWidth} = options;
  for (let n = Math.max(1, Math.round(count)); n >= 1; n--) {
    const format = scale.tickFormat(n);
    // A label that would leave the chart is dropped by itself; only crowding lowers the count.
    const ticks = scale
      .ticks(n)
      .map((value) => ({value, x: scale(value), label: format(value)}))
      .filter((t) => {
        const half = measure(t.label, font) / 2;
        return t.x - half >= min && t.x + half <= max;
      });
    const kept = thinTicks(ticks, options);
    if (n === 1 || kept.length === ticks.length) return {values: kept.map((t) => t.value), format};
  }
  return {values: [], format: String};
}

/**
 * A bottom axis's tick values and format for a numeric scale, fitted within [min, max] px:
 * `values` (a page's own list) thinned; on a log scale d3's candidates 1-9 x 10^k thinned, round
 * ones first; on a linear scale d3's ticks at the largest count up to `count` that fits.
 */
export function numericTicks(
  scale: d3.ScaleContinuousNumeric<number, number>,
  {type, values, count, ...fit}: {type: "linear" | "log"; values?: number[]; count: number} & ThinOptions<number>
): {values: number[]; format: (value: d3.NumberValue) => string} {
  const thin = (
    candidates: number[],
    format: (value: d3.NumberValue) => string,
    priority?: (value: number) => number
  ) => ({
    values: thinTicks(
      candidates.map((value) => ({value, x: scale(value), label: format(value)})),
      {...fit, priority}
    ).map((t) => t.value),
    format
  });
  if (values) return thin(values, String);
  if (type === "log") return thin(scale.ticks(), d3.format("~g"), roundness);
  return fitLinearTicks(scale, count, fit);
}

/** The categories of a band scale whose labels fit: every k-th one (vertical: by line height). */
export function bandTicks(
  scale: d3.ScaleBand<string>,
  {min, max, vertical = false, measure = textWidth}: {min: number; max: number; vertical?: boolean; measure?: Measure}
): string[] {
  const ticks = scale.domain().map((value) => ({value, x: scale(value)! + scale.bandwidth() / 2, label: value}));
  return thinTicks(ticks, {min, max, gap: vertical ? 2 : 6, measure: vertical ? () => 12 : measure}).map(
    (t) => t.value
  );
}
