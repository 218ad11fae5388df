// Work a page does after it has loaded (the model page scores 10,000 test images) runs in the
// browser's idle time, a few milliseconds at a time, so no task keeps the page from answering
// a click or a key for long (Lighthouse counts every task over 50 ms as blocking).

/** Milliseconds of work per slice at most: well under a long task's 50 ms. */
const BUDGET = 8;

/**
 * Resolves in the browser's next idle period (or, where there is no requestIdleCallback, its
 * next task) with a function that says whether the slice still has time for more work. The
 * caller's code after `await` runs in that same idle period.
 */
export function idleSlice(budget = BUDGET): Promise<() => boolean> {
  return new Promise((resolve) => {
    const open = (ms: number) => {
      const end = performance.now() + ms;
      resolve(() => performance.now() < end);
    };
    if (typeof requestIdleCallback === "function")
      requestIdleCallback((deadline) => open(Math.min(budget, deadline.timeRemaining())));
    else setTimeout(() => open(budget), 0);
  });
}

/**
 * Resolves in a later task (a timer), so the work after `await nextTask()` runs in a task of its
 * own rather than lengthening the one that asked: a page that draws many canvases at once (about
 * 90 on Experiment 5) splits its drawing this way.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Counts the i in [0, `count`) for which `hit(i)` holds, in idle-time slices (idleSlice), in
 * order; yields the progress `{done, counted}` first with nothing done and then after each slice.
 * Stop early by leaving the `for await` loop: no slice runs after that.
 */
export async function* countInIdleTime(
  count: number,
  hit: (i: number) => boolean
): AsyncGenerator<{done: number; counted: number}> {
  let counted = 0;
  yield {done: 0, counted};
  for (let i = 0; i < count; ) {
    const more = await idleSlice();
    do {
      if (hit(i)) counted++;
      i++;
    } while (i < count && more());
    yield {done: i, counted};
  }
}

/**
 * Wraps a chart's `render` for Framework's `resize` so that, while the page loads, it draws in
 * a task of its own (nextTask). `resize` calls it from a ResizeObserver, which runs inside the
 * browser's rendering step: drawn there, every chart on the page adds its work to the one task
 * that also does the page's first style and layout (up to 130 ms on a load here). Later redraws
 * (a new width, a slider) stay in the rendering step, so a chart redrawn for a control never
 * shows a frame without it. "Loading" is the `mynn-loading` class the page's head script keeps
 * on <html> for its first 3 s (observablehq.config.ts). Shape: (width in px) => the chart, now
 * as a promise, which `resize` awaits, keeping only the latest width's chart.
 */
export function inOwnTask<T>(render: (width: number) => T): (width: number) => Promise<T> {
  return async (width) => {
    if (document.documentElement.classList.contains("mynn-loading")) await nextTask();
    return render(width);
  };
}
