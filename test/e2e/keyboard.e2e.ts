// The site by keyboard and screen reader: pressing Reproduce keeps the focus where it was and
// the verdict is read out (a live region that stays in place); a slider stepped with the arrow
// keys is one history entry, so Back returns to the value before the steps; every slider has
// a name a screen reader can say.
import {describe, expect, it} from "vitest";
import {useBuiltSite, useCheckedPages} from "./built-site.js";
import {fullBuild} from "./built-data.js";

const built = useBuiltSite();
const open = useCheckedPages(built);

describe("keyboard and screen readers", () => {
  // Reproduce is offered where a stored run matches the reader's pick: on a full build.
  it.runIf(fullBuild)(
    "Reproduce pressed with the keyboard keeps the focus on it; the verdict is in a live region",
    async () => {
      const page = await open("experiment-1");
      const reproduce = page.locator(".try-panel button[name=reproduce]");
      await reproduce.focus();
      // The status line before the press: a region that is replaced is not announced, so it must be the same element after.
      await page.evaluate(() => {
        (window as unknown as {statusBefore: Element | null}).statusBefore = document
          .querySelector(".try-panel button[name=reproduce]")!
          .closest(".try-panel")!
          .querySelector(".status");
      });
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".try-panel .status").textContent()).not.toContain("Stored by the build");
      const focusedDuringRun = await page.evaluate(() => document.activeElement?.getAttribute("name"));
      const verdict = page.locator(".try-panel .verdict");
      await verdict.waitFor({timeout: 90_000});
      const after = await page.evaluate(() => {
        const verdict = document.querySelector(".try-panel .verdict")!;
        const region = verdict.closest("[aria-live]");
        return {
          focused: document.activeElement === document.querySelector(".try-panel button[name=reproduce]"),
          live: region?.getAttribute("aria-live") ?? null,
          role: region?.getAttribute("role") ?? null,
          sameRegion: region === (window as unknown as {statusBefore: Element | null}).statusBefore
        };
      });
      expect(focusedDuringRun).toBe("reproduce");
      expect(after).toEqual({focused: true, live: "polite", role: "status", sameRegion: true});
      // The button works again by keyboard: a second press starts a second run.
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".try-panel .verdict").count()).toBe(0);
    }
  );

  it("ten ArrowRight steps on a slider, 400 ms apart, then Back: the value from before the steps", async () => {
    const page = await open("experiment-2");
    const slider = page.locator(".try-panel form", {hasText: "Learning rate"}).locator("input[type=range]");
    const before = await slider.inputValue();
    await slider.focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(400); // slower than the URL's settling time: each step reaches the URL
    }
    const stepped = await slider.inputValue();
    expect(Number(stepped)).toBeCloseTo(Number(before) + 0.01, 6);
    await expect.poll(() => new URL(page.url()).searchParams.get("try-lr")).toBe(stepped);
    await page.goBack();
    await expect.poll(() => slider.inputValue()).toBe(before);
    expect(new URL(page.url()).searchParams.get("try-lr")).toBeNull();
    await page.goForward();
    await expect.poll(() => slider.inputValue()).toBe(stepped);
  });

  for (const name of ["experiment-2", "experiment-3", "experiment-4", "experiment-6", "playground"])
    it(`${name}: every slider has an accessible name`, async () => {
      const page = await open(name);
      const sliders = await page.locator("input[type=range]").count();
      expect(sliders).toBeGreaterThan(0);
      expect(await page.getByRole("slider", {name: /\S/}).count()).toBe(sliders);
    });
});
