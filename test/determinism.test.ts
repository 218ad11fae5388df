import {describe, expect, it} from "vitest";
import {firstSamples} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {evaluate, trainEpoch} from "../lib/training.js";
import {real} from "./fixtures.js";

const bytes = (a: Float64Array) => new Uint8Array(a.buffer.slice(0));

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
    expect(bytes(createNetwork({seed: 5}).wih)).toEqual(bytes(createNetwork({seed: 5}).wih));
    const a = trained(5);
    const b = trained(5);
    expect(bytes(a.net.wih)).toEqual(bytes(b.net.wih));
    expect(bytes(a.net.who)).toEqual(bytes(b.net.who));
    expect(a.score).toBe(b.score);
    expect(a.score).toBeGreaterThan(0.7); // 1,000 images already teach it most digits
  });

  it("different seeds give different weights", () => {
    const a = createNetwork({seed: 1});
    const b = createNetwork({seed: 2});
    expect(bytes(a.wih)).not.toEqual(bytes(b.wih));
    expect(bytes(a.who)).not.toEqual(bytes(b.who));
  });
});
