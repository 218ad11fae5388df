import {describe, expect, it} from "vitest";
import {backQuery, createNetwork, query, train, type Network} from "../lib/network.js";

// In the comments below, L = logit(0.99) = -logit(0.01) = ln 99.

function handSet(wih: number[][], who: number[][]): Network {
  return {
    inputs: wih[0].length,
    hidden: wih.length,
    outputs: who.length,
    wih: Float64Array.from(wih.flat()),
    who: Float64Array.from(who.flat())
  };
}

function error(net: Network, x: Float64Array, t: Float64Array): number {
  const {output} = query(net, x);
  return 0.5 * output.reduce((sum, o, k) => sum + (t[k] - o) ** 2, 0);
}

describe("network", () => {
  it("query on hand-set weights gives hand-computed outputs", () => {
    const net = handSet(
      [
        [1, -1],
        [0.5, 0.5]
      ],
      [
        [1, 1],
        [-2, 0.5]
      ]
    );
    const {hidden, output} = query(net, Float64Array.of(1, 2));
    // h = sig([1 - 2, 0.5 + 1]) = sig([-1, 1.5]); o = sig([h0 + h1, -2 h0 + 0.5 h1])
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    expect(hidden[0]).toBeCloseTo(0.2689414213699951, 15);
    expect(hidden[1]).toBeCloseTo(0.8175744761936437, 15);
    expect(output[0]).toBeCloseTo(sig(0.2689414213699951 + 0.8175744761936437), 15);
    expect(output[1]).toBeCloseTo(0.46777085, 8);
  });

  // Central differences: truncation error O(h^2) ~ 1e-12, rounding ~ 1e-16 / h ~ 1e-10,
  // so a step and -lr * gradient agree to 1e-9 when the formulas are the same.
  const h = 1e-6;
  function numericalGradient(w: Float64Array, f: () => number): number[] {
    return Array.from(w, (value, n) => {
      w[n] = value + h;
      const up = f();
      w[n] = value - h;
      const down = f();
      w[n] = value;
      return (up - down) / (2 * h);
    });
  }
  const x = Float64Array.of(0.01, 0.5, 0.99, 0.2, 0.01, 0.7);
  const t = Float64Array.of(0.01, 0.99, 0.01);
  const lr = 0.3;
  /** Each weight moved by minus lr times its gradient, and the gradient is not all zero. */
  const expectStep = (after: Float64Array, before: Float64Array, gradient: number[]) => {
    for (let n = 0; n < after.length; n++)
      expect(Math.abs(after[n] - before[n] - -lr * gradient[n])).toBeLessThan(1e-9);
    expect(Math.max(...gradient.map(Math.abs))).toBeGreaterThan(1e-3); // not vacuous
  };

  it("a training step moves who by minus lr times the numerical gradient of 1/2 sum (t - o)^2", () => {
    const net = createNetwork({inputs: 6, hidden: 4, outputs: 3, seed: 7});
    const before = net.who.slice();
    const gradient = numericalGradient(net.who, () => error(net, x, t));
    train(net, x, t, lr);
    expectStep(net.who, before, gradient);
  });

  // The book backpropagates the raw output errors, e_h = who^T (t - o), without the output
  // sigmoid's derivative o (1 - o). Its wih step is therefore minus lr times the gradient of
  // F(wih) = -sum_k e_k (who sig(wih x))_k with e = t - o held fixed, not of E itself.
  it("a training step moves wih as the book does: by minus lr times the gradient of -e . (who h), e held fixed", () => {
    const net = createNetwork({inputs: 6, hidden: 4, outputs: 3, seed: 7});
    const before = net.wih.slice();
    const e = query(net, x).output.map((o, k) => t[k] - o);
    const F = () => {
      const {hidden} = query(net, x);
      let sum = 0;
      for (let k = 0; k < net.outputs; k++)
        for (let j = 0; j < net.hidden; j++) sum -= e[k] * net.who[k * net.hidden + j] * hidden[j];
      return sum;
    };
    const gradient = numericalGradient(net.wih, F);
    train(net, x, t, lr);
    expectStep(net.wih, before, gradient);
  });

  it("the book's wih step is not the exact gradient of 1/2 sum (t - o)^2 (kept on purpose, to reproduce the book)", () => {
    const net = createNetwork({inputs: 6, hidden: 4, outputs: 3, seed: 7});
    const before = net.wih.slice();
    const gradient = numericalGradient(net.wih, () => error(net, x, t));
    train(net, x, t, lr);
    const gap = Math.max(...Array.from(net.wih, (w, n) => Math.abs(w - before[n] - -lr * gradient[n])));
    expect(gap).toBeGreaterThan(1e-6);
  });

  it("a training step lowers the error on that sample", () => {
    const net = createNetwork({inputs: 6, hidden: 4, outputs: 3, seed: 3});
    const x = Float64Array.of(0.3, 0.5, 0.99, 0.2, 0.01, 0.7);
    const t = Float64Array.of(0.99, 0.01, 0.01);
    const e0 = error(net, x, t);
    train(net, x, t, 0.1);
    expect(error(net, x, t)).toBeLessThan(e0);
  });

  it("back query follows the formulas on a hand-set network", () => {
    const net = handSet(
      [
        [1, -1, 0.5],
        [0.5, 0.5, -1],
        [2, 0, 1]
      ],
      [
        [1, 1, -1],
        [-2, 0.5, 1]
      ]
    );
    // z_o = logit([0.01, 0.99]) = [-L, L]; who^T z_o = [-3L, -0.5L, 2L] -> rescaled [0.01, 0.5, 0.99]
    // z_h = [-L, 0, L]; wih^T z_h = [L, L, 0.5L] -> rescaled [0.99, 0.99, 0.01]
    const x = backQuery(net, 1);
    expect(Array.from(x)).toEqual([0.99, 0.99, 0.01].map((v) => expect.closeTo(v, 12)));
  });

  it("back query of every label of a random network lies in [0.01, 0.99]", () => {
    const net = createNetwork({seed: 11});
    for (let label = 0; label < 10; label++) {
      const x = backQuery(net, label);
      expect(x.length).toBe(784);
      expect(Math.min(...x)).toBeCloseTo(0.01, 12);
      expect(Math.max(...x)).toBeCloseTo(0.99, 12);
    }
  });

  it("Normal init draws N(0, fan_in^-0.5) and Rand init uniform(-0.5, 0.5)", () => {
    const stats = (w: Float64Array) => {
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      return {mean, sd: Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length)};
    };
    const normal = createNetwork({seed: 1});
    // 78,400 draws: the sample sd is within 1% of 1/28 with overwhelming probability.
    expect(stats(normal.wih).sd).toBeCloseTo(784 ** -0.5, 3);
    expect(Math.abs(stats(normal.wih).mean)).toBeLessThan(0.001);
    expect(stats(normal.who).sd).toBeGreaterThan(0.09);
    expect(stats(normal.who).sd).toBeLessThan(0.11);
    const rand = createNetwork({seed: 1, init: "Rand"});
    expect(Math.min(...rand.wih)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...rand.wih)).toBeLessThan(0.5);
    expect(stats(rand.wih).sd).toBeCloseTo(Math.sqrt(1 / 12), 2);
  });

  it("rejects an unknown init and a bad seed", () => {
    expect(() => createNetwork({seed: 1, init: "Zeros" as never})).toThrow(/init must be "Normal" or "Rand"/);
    expect(() => createNetwork({seed: 1.5})).toThrow(/seed must be an integer/);
    expect(() => createNetwork({seed: 0})).toThrow(/seed must be an integer/);
  });
});
