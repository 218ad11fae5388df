// Statistics over seeds for pages: lib/seed-stats.ts (shared with the build), and how to print them.
import type {SeedSummary} from "../lib/seed-stats.js";

export {compareRanges, rangeVerdict, summarize, summarizeBy, type SeedSummary} from "../lib/seed-stats.js";

/** "0.9512 ± 0.0021 (n = 5)": a mean with half its 95% interval. */
export const formatMean = (s: SeedSummary, digits = 4) =>
  `${s.mean.toFixed(digits)} ± ${((s.high - s.low) / 2).toFixed(digits)} (95% CI, ${s.n} seeds; range ${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
