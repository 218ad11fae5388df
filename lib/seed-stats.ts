// Statistics over seeds: what a configuration's scores look like when only the random
// starting weights change. Shared by the build (tables, verdicts) and the pages (charts).
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
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042
];

/** Mean, spread and 95% interval of the mean of one configuration's scores over seeds. */
export function summarize(values: number[]): SeedSummary {
  const n = values.length;
  const mean = d3.mean(values) ?? NaN;
  const sd = n > 1 ? d3.deviation(values)! : 0;
  const half = n > 1 ? (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n)) : 0;
  return {n, mean, sd, min: d3.min(values)!, max: d3.max(values)!, low: mean - half, high: mean + half};
}

/**
 * Groups rows by the fields of the object `key` returns (the same fields for every row) and
 * summarises `value` over each group: one row per key, in the order keys are first seen.
 */
export function summarizeBy<T, K extends Record<string, number | string>>(
  rows: T[],
  key: (row: T) => K,
  value: (row: T) => number
): (K & SeedSummary)[] {
  if (!rows.length) return [];
  const fields = Object.keys(key(rows[0]));
  const groups = d3.flatRollup(
    rows,
    (members) => summarize(members.map(value)),
    ...fields.map((field) => (row: T) => key(row)[field])
  );
  return groups.map((group) => ({
    ...(Object.fromEntries(fields.map((field, i) => [field, group[i]])) as K),
    ...(group[fields.length] as SeedSummary)
  }));
}

/**
 * Where a single published figure falls against our seeds' range: "inside the seed range",
 * or "above it by 0.0012" / "below it by 0.0012" (distance to the nearest end, `digits` decimals).
 */
export function rangeVerdict(value: number, {min, max}: {min: number; max: number}, digits = 4): string {
  if (!Number.isFinite(value) || !Number.isFinite(min) || !Number.isFinite(max))
    throw new RangeError(`cannot place ${value} against the range ${min}–${max}`);
  if (value > max) return `above it by ${(value - max).toFixed(digits)}`;
  if (value < min) return `below it by ${(min - value).toFixed(digits)}`;
  return "inside the seed range";
}

/** Where one set of seeds' values stands against another's: apart beyond the seed spread, or not. */
export function compareRanges(
  a: {min: number; max: number},
  b: {min: number; max: number}
): "higher" | "lower" | "overlapping" {
  if (a.min > b.max) return "higher";
  if (a.max < b.min) return "lower";
  return "overlapping";
}
