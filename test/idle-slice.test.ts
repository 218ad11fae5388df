import {afterEach, describe, expect, it} from "vitest";
import {countInIdleTime, inOwnTask} from "../src/components/idle-slice.js";

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

describe("inOwnTask", () => {
  /** A page whose <html> has (or has not) the class the head script keeps on it while the page loads. */
  const page = (loading: boolean) => {
    (globalThis as {document?: unknown}).document = {
      documentElement: {classList: {contains: (name: string) => loading && name === "mynn-loading"}}
    };
  };
  afterEach(() => {
    delete (globalThis as {document?: unknown}).document;
  });
  /** Calls the wrapped render and says whether it ran before a timer set just before the call fired. */
  const drawnBeforeNextTask = async (render: (width: number) => Promise<string>) => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push("next task");
        resolve();
      }, 0)
    );
    const chart = render(640).then((drawn) => order.push(drawn));
    await Promise.all([timer, chart]);
    return order[0] !== "next task";
  };

  it("while the page loads, draws in a later task, with the width it was given", async () => {
    page(true);
    const widths: number[] = [];
    const render = inOwnTask((width) => {
      widths.push(width);
      return `chart ${width}`;
    });
    expect(await drawnBeforeNextTask(render)).toBe(false);
    expect(widths).toEqual([640]);
    expect(await render(320)).toBe("chart 320");
  });

  it("after the page has loaded, draws in the task that asked (a redraw never shows a frame without the chart)", async () => {
    page(false);
    const render = inOwnTask((width) => `chart ${width}`);
    expect(await drawnBeforeNextTask(render)).toBe(true);
  });
});
