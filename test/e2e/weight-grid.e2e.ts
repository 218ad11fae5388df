// weightGrid, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["weight-grid"]);

describe("weightGrid", () => {
  it("weightGrid: one image per weight vector on a diverging scale centred on zero, with a legend", async () => {
    // Three 2x2 "images": all negative, all zero, all positive (beyond the limit: clamped).
    await render(
      `weightGrid([[-1, -1, -1, -1], [0, 0, 0, 0], [5, 5, 5, 5]], {side: 2, limit: 1, title: "W", tooltip: (i) => "node " + i})`
    );
    const cells = await page().evaluate(() =>
      Array.from(document.querySelectorAll("main canvas"), (c) => ({
        rgb: Array.from((c as HTMLCanvasElement).getContext("2d")!.getImageData(0, 0, 1, 1).data.slice(0, 3)),
        title: (c as HTMLCanvasElement).title
      }))
    );
    expect(cells.map((c) => c.title)).toEqual(["node 0", "node 1", "node 2"]);
    const [negative, zero, positive] = cells.map((c) => c.rgb);
    expect(negative[0]).toBeGreaterThan(negative[2] + 50); // red
    expect(Math.min(...zero)).toBeGreaterThan(230); // near white
    expect(positive[2]).toBeGreaterThan(positive[0] + 50); // blue
    expect(await page().locator("main svg.legend .tick").count()).toBeGreaterThan(2);
  });
});
