// The playground before the reader does anything: the untrained network's score and the axes.
import {describe, expect, it} from "vitest";
import {useBuiltSite, useCheckedPages} from "./built-site.js";

const open = useCheckedPages(useBuiltSite());

describe("the playground", () => {
  it("draws the untrained network's score and the axes before any click", async () => {
    const page = await open("playground");
    const chart = page.locator("#training-panel svg.line-chart");
    await chart.locator(".points circle").first().waitFor();
    expect(await chart.locator(".points circle").count()).toBe(1);
    expect(await chart.locator(".tick").count()).toBeGreaterThan(4);
    expect(await page.locator("#training-panel .status").textContent()).toMatch(
      /Untrained, the network scores 0\.\d{4}/
    );
  });
});
