import {describe, expect, it} from "vitest";
import {type PoolJob, poolProgress} from "../data-loaders/pool-progress.js";

const job = (hidden: number, epochs: number, have = 0): PoolJob => ({
  config: {hidden, init: "Normal", lr: 0.1, seed: 1, kernel: "wasm-f32"},
  epochs,
  have
});

describe("the run pool's progress", () => {
  // Two jobs: 2 epochs of 100 nodes and 1 of 500 (from epoch 1 of 2): work 2 * 100 + 1 * 500 = 700.
  const jobs = [job(100, 2), job(500, 2, 1)];
  let clock = 0;
  const progress = () =>
    poolProgress({jobs, weight: (j) => j.config.hidden, samples: () => 1000, now: () => clock * 1000});

  it("weighs epochs by their cost and counts whole epochs from the workers' messages", () => {
    clock = 0;
    const p = progress();
    expect(p.totalEpochs).toBe(3);
    p.started(0, jobs[0]);
    p.started(1, jobs[1]);
    clock = 10;
    p.progress(0, {epoch: 1, epochs: 2, done: 500, total: 1000});
    p.progress(1, {epoch: 2, epochs: 2, done: 250, total: 1000});
    // half of a 100-node epoch and a quarter of the 500-node one: (50 + 125) / 700
    expect(p.state()).toMatchObject({runs: 0, epochs: 0, samples: 0, fraction: 175 / 700, samplesPerSecond: 75});
    expect(p.state().left).toBeCloseTo((10 / (175 / 700)) * (1 - 175 / 700), 9);
    p.progress(0, {epoch: 2, epochs: 2, done: 0, total: 1000}); // its first epoch is done
    expect(p.state()).toMatchObject({epochs: 1, work: 100, samples: 1000});
    p.finished(0);
    p.finished(1);
    expect(p.state()).toMatchObject({runs: 2, epochs: 3, work: 700, samples: 3000, fraction: 1, left: 0});
    expect(p.line()).toMatch(
      /^runs: 2\/2 trained, 3\/3 epochs \(100% of the work\), 300 samples\/s, 10 s elapsed, ~0 s left; $/
    );
  });

  it("projects no time left before 2% of the work is done", () => {
    clock = 0;
    const p = progress();
    p.started(0, jobs[0]);
    clock = 4;
    p.progress(0, {epoch: 1, epochs: 2, done: 10, total: 1000});
    expect(p.state().left).toBeNaN();
    expect(p.line()).not.toContain("left");
    expect(p.line()).toContain("worker 1: ");
  });
});
