import {randomLcg, randomNormal, randomUniform} from "d3";

// Seeded sources from d3-random: the same seed gives the same numbers on every platform.
// randomLcg takes an integer seed as its 32-bit starting state.

/** A seeded Normal(mean, deviation) sampler. */
export function seededNormal(seed: number, mean: number, deviation: number): () => number {
  return randomNormal.source(randomLcg(checkSeed(seed)))(mean, deviation);
}

/** A seeded uniform sampler on [min, max). */
export function seededUniform(seed: number, min: number, max: number): () => number {
  return randomUniform.source(randomLcg(checkSeed(seed)))(min, max);
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 1 || seed > 0x7fffffff) {
    throw new RangeError(`seed must be an integer from 1 to 2147483647, got ${seed}`);
  }
  return seed;
}
