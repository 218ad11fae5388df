// Splitting the report's runs between machines (npm run train -- --shard I/N). Every machine
// computes the same split from the same list of runs, so each trains its share without asking
// the others, and the shares' stores merge into one (npm run store -- merge). The split
// balances training cost (report-runs.ts runCost: epochs x samples x hidden nodes), not the
// number of runs, since one run can cost thirty of another: the costliest run first (its key
// breaks ties), each to the shard with the least cost so far (the lowest index on ties). This
// is the greedy "longest processing time first" rule; with many runs small against a share,
// as here, the shares come out within a few percent of each other.

/** A run to place: its store key (unique) and what training it costs (any unit, the same for all). */
export interface ShardItem {
  key: string;
  cost: number;
}

/**
 * Splits `runs` into `count` shards: element s lists the runs of shard s (0-based), each run
 * in exactly one shard, costliest first. The split depends only on the runs' keys and costs,
 * not on the order they are given in. A shard may be empty when there are fewer runs than
 * shards. Throws a RangeError when `count` is not a positive integer, a cost is negative or
 * not finite, or a key is given twice.
 */
export function partitionRuns<T extends ShardItem>(runs: readonly T[], count: number): T[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count ${count}: must be a positive integer`);
  const keys = new Set<string>();
  for (const {key, cost} of runs) {
    if (!Number.isFinite(cost) || cost < 0) throw new RangeError(`run ${key}: cost ${cost} is not a finite cost`);
    if (keys.has(key)) throw new RangeError(`run ${key} is given twice`);
    keys.add(key);
  }
  const order = [...runs].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shards: T[][] = Array.from({length: count}, () => []);
  const loads = new Array<number>(count).fill(0);
  for (const run of order) {
    let least = 0;
    for (let s = 1; s < count; s++) if (loads[s] < loads[least]) least = s;
    shards[least].push(run);
    loads[least] += run.cost;
  }
  return shards;
}

/** Each shard's total cost, in the unit of the runs' costs. */
export const shardCosts = (shards: readonly ShardItem[][]): number[] =>
  shards.map((shard) => shard.reduce((sum, run) => sum + run.cost, 0));
