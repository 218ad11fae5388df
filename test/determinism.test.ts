import {describe, expect, it} from "vitest";
import {firstSamples} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {evaluate, trainEpoch} from "../lib/training.js";
import {real, firstDifference} from "./fixtures.js";

describe("determinism", () => {
  const dataset = real();
  const train = firstSamples(dataset.train, 1000);
  const test = firstSamples(dataset.test, 1000);

  function trained(seed: number) {
    const net = createNetwork({seed});
    trainEpoch(net, train, 0.3);
    return {net, score: evaluate(net, test).score};
  }

  it("the same seed gives the same weights and score, byte for byte", () => {
    expect(firstDifference(createNetwork({seed: 5}).wih, createNetwork({seed: 5}).wih)).toBe(-1);
    const a = trained(5);
    const b = trained(5);
    expect(firstDifference(a.net.wih, b.net.wih)).toBe(-1);
    expect(firstDifference(a.net.who, b.net.who)).toBe(-1);
    expect(a.score).toBe(b.score);
    expect(a.score).toBeGreaterThan(0.7); // 1,000 images already teach it most digits
  });

  it("different seeds give different weights: draws of their own, not the same draws reordered or shifted", () => {
    const a = createNetwork({seed: 1});
    const b = createNetwork({seed: 2});
    // Independent normal draws as doubles are equal with probability ~0: a seed that only
    // shifted or reordered one stream would share nearly every value.
    const drawn = new Set([...a.wih, ...a.who]);
    const shared = [...b.wih, ...b.who].filter((w) => drawn.has(w)).length;
    expect(shared).toBe(0);
  });
});
