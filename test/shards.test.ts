// The split of the report's runs between machines (npm run train -- --shard I/N): every run in
// exactly one shard, the same split whatever order the runs come in, and shares of the real
// report's training cost within 10% of each other.
import {describe, expect, it} from "vitest";
import {reportRuns, runCost} from "../data-loaders/report-runs.js";
import {readSettings} from "../data-loaders/settings.js";
import {partitionRuns, shardCosts, type ShardItem} from "../data-loaders/shards.js";
import {real} from "./fixtures.js";

/** The report's distinct runs under the default settings on the real MNIST, with their costs (samples x hidden nodes). */
function reportItems(): ShardItem[] {
  const dataset = real();
  return reportRuns(readSettings({}), dataset.checksum).map(({key, request}) => ({
    key,
    cost: runCost(request, dataset)
  }));
}

/** A fixed shuffle (a seeded linear congruential generator), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const keysOf = (shards: ShardItem[][]) => shards.map((shard) => shard.map((run) => run.key));

describe("splitting the report's runs into shards", () => {
  const runs = reportItems();

  it("is what the test meant: the report's runs, of more than one cost", () => {
    expect(runs.length).toBeGreaterThan(8);
    expect(new Set(runs.map((run) => run.cost)).size).toBeGreaterThan(1);
  });

  for (const count of [1, 2, 3, 8, runs.length + 2]) {
    it(`puts every run in exactly one of ${count} shards`, () => {
      const keys = keysOf(partitionRuns(runs, count));
      expect(keys).toHaveLength(count);
      const all = keys.flat();
      expect(all).toHaveLength(runs.length);
      expect(new Set(all)).toEqual(new Set(runs.map((run) => run.key)));
    });
  }

  it("gives the same split whatever order the runs are listed in", () => {
    for (const count of [2, 3, 8]) {
      const split = keysOf(partitionRuns(runs, count));
      for (const seed of [1, 2, 3]) expect(keysOf(partitionRuns(shuffled(runs, seed), count))).toEqual(split);
    }
  });

  for (const count of [2, 3, 8]) {
    it(`balances the training cost of ${count} shards within 10%`, () => {
      const costs = shardCosts(partitionRuns(runs, count));
      expect(costs.reduce((a, b) => a + b, 0)).toBe(runs.reduce((sum, run) => sum + run.cost, 0));
      expect(Math.max(...costs) / Math.min(...costs)).toBeLessThanOrEqual(1.1);
    });
  }

  it("breaks ties by key and by the lowest shard: equal runs go round the shards in key order", () => {
    const equal = ["d", "b", "a", "c"].map((key) => ({key, cost: 1}));
    expect(keysOf(partitionRuns(equal, 3))).toEqual([["a", "d"], ["b"], ["c"]]);
  });

  it("refuses a count that is not a positive integer, a cost that is not one, and a key given twice", () => {
    for (const count of [0, -1, 1.5, Number.NaN]) expect(() => partitionRuns(runs, count)).toThrow(RangeError);
    for (const cost of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => partitionRuns([{key: "a", cost}], 2)).toThrow(/run a: cost .* is not a finite cost/);
    expect(() => partitionRuns([runs[0], {...runs[0]}], 2)).toThrow(`run ${runs[0].key} is given twice`);
  });
});
