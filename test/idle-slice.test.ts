import {describe, expect, it} from "vitest";
import {countInIdleTime} from "../src/components/idle-slice.js";

describe("countInIdleTime", () => {
  it("counts every hit once, in order, reporting progress from 0 to the end", async () => {
    const seen: number[] = [];
    const progress: {done: number; counted: number}[] = [];
    for await (const step of countInIdleTime(5000, (i) => {
      seen.push(i);
      return i % 3 === 0;
    }))
      progress.push(step);
    expect(seen).toEqual(Array.from({length: 5000}, (_, i) => i));
    expect(progress[0]).toEqual({done: 0, counted: 0});
    expect(progress.at(-1)).toEqual({done: 5000, counted: 1667});
    for (let k = 1; k < progress.length; k++) expect(progress[k].done).toBeGreaterThan(progress[k - 1].done);
  });

  it("runs no slice after the loop is left", async () => {
    let calls = 0;
    for await (const {done} of countInIdleTime(1e9, () => {
      calls++;
      return true;
    }))
      if (done > 0) break;
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(after);
    expect(after).toBeLessThan(1e9);
  });
});
