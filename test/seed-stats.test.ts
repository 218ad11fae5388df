// Statistics over seeds (lib/seed-stats.ts), shared by the build and the pages.
import {describe, expect, it} from "vitest";
import {summarize, summarizeBy} from "../lib/seed-stats.js";

describe("summarize", () => {
  it("gives the mean, the sample deviation and Student's 95% interval of the mean", () => {
    const s = summarize([0.95, 0.96, 0.97, 0.98, 0.99]);
    expect(s).toMatchObject({n: 5, min: 0.95, max: 0.99});
    expect(s.mean).toBeCloseTo(0.97, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(0.00025), 12); // squares of 0.02, 0.01, 0, 0.01, 0.02 over n - 1 = 4
    expect(s.high - s.mean).toBeCloseTo((2.776 * s.sd) / Math.sqrt(5), 12); // t(0.975, 4) = 2.776
    expect(summarize([0.9])).toMatchObject({n: 1, mean: 0.9, sd: 0, low: 0.9, high: 0.9});
  });
});

describe("summarizeBy", () => {
  const rows = [
    {lr: 0.1, epoch: 1, seed: 1, score: 0.9},
    {lr: 0.1, epoch: 2, seed: 1, score: 0.92},
    {lr: 0.3, epoch: 1, seed: 1, score: 0.8},
    {lr: 0.1, epoch: 1, seed: 2, score: 0.94},
    {lr: 0.1, epoch: 2, seed: 2, score: 0.96},
    {lr: 0.3, epoch: 1, seed: 2, score: 0.84}
  ];

  it("one row per key, its fields and the summary of its rows, in the order keys are first seen", () => {
    const byLr = summarizeBy(
      rows,
      (d) => ({lr: d.lr}),
      (d) => d.score
    );
    expect(byLr.map((d) => [d.lr, d.n, d.min, d.max])).toEqual([
      [0.1, 4, 0.9, 0.96],
      [0.3, 2, 0.8, 0.84]
    ]);
    expect(byLr[1].mean).toBeCloseTo(0.82, 12);
  });

  it("groups by every field of a key of several", () => {
    const byLrAndEpoch = summarizeBy(
      rows,
      (d) => ({lr: d.lr, epoch: d.epoch}),
      (d) => d.score
    );
    expect(byLrAndEpoch.map(({lr, epoch, n}) => ({lr, epoch, n}))).toEqual([
      {lr: 0.1, epoch: 1, n: 2},
      {lr: 0.1, epoch: 2, n: 2},
      {lr: 0.3, epoch: 1, n: 2}
    ]);
    expect(byLrAndEpoch[1].mean).toBeCloseTo(0.94, 12);
  });

  it("keeps text keys as text and gives nothing for no rows", () => {
    const byName = summarizeBy(
      rows,
      (d) => ({name: `lr ${d.lr}`}),
      (d) => d.score
    );
    expect(byName.map((d) => d.name)).toEqual(["lr 0.1", "lr 0.3"]);
    expect(
      summarizeBy(
        [],
        (d: {x: number}) => ({x: d.x}),
        (d) => d.x
      )
    ).toEqual([]);
  });
});
