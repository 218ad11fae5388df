import * as d3 from "d3";

export interface SeedSummary {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** 95% interval of the mean: mean -/+ t(0.975, n - 1) sd / sqrt(n). */
  low: number;
  high: number;
}

// Student's t quantiles (0.975) for n - 1 = 1..30 degrees of freedom; 1.96 beyond.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean, spread and 95% interval of the mean of one configuration's scores over seeds. */
export function summarize(values: number[]): SeedSummary {
  const n = values.length;
  const mean = d3.mean(values) ?? NaN;
  const sd = n > 1 ? d3.deviation(values)! : 0;
  const half = n > 1 ? (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n)) : 0;
  return {n, mean, sd, min: d3.min(values)!, max: d3.max(values)!, low: mean - half, high: mean + half};
}

/** Groups rows by key and summarises `value` over each group: one row per key. */
export function summarizeBy<T, K extends Record<string, number | string>>(rows: T[], key: (row: T) => K, value: (row: T) => number): (K & SeedSummary)[] {
  const groups = d3.group(rows, (row) => JSON.stringify(key(row)));
  return Array.from(groups, ([k, members]) => ({...(JSON.parse(k) as K), ...summarize(members.map(value))}));
}

/** "0.9512 ± 0.0021 (n = 5)": a mean with half its 95% interval. */
export const formatMean = (s: SeedSummary, digits = 4) =>
  `${s.mean.toFixed(digits)} ± ${((s.high - s.low) / 2).toFixed(digits)} (95% CI, ${s.n} seeds; range ${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
