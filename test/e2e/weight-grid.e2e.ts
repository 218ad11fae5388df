// weightGrid, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["weight-grid"]);

/** The grid's one canvas: its size, its accessible name and the colour at each image's top-left weight. */
const gridOf = (side: number, scale: number, gap: number, count: number) =>
  page().evaluate(
    ({side, scale, gap, count}) => {
      const canvas = document.querySelector<HTMLCanvasElement>("main canvas")!;
      const context = canvas.getContext("2d")!;
      const perRow = Math.round((canvas.width + gap) / (side * scale + gap));
      const at = (i: number) => [(i % perRow) * (side * scale + gap), Math.floor(i / perRow) * (side * scale + gap)];
      return {
        canvases: document.querySelectorAll("main canvas").length,
        width: canvas.width,
        height: canvas.height,
        perRow,
        role: canvas.getAttribute("role"),
        name: canvas.getAttribute("aria-label") ?? "",
        rgb: Array.from({length: count}, (_, i) =>
          Array.from(context.getImageData(at(i)[0], at(i)[1], 1, 1).data.slice(0, 3))
        ),
        // The gap right of the first image: transparent, so the page shows through.
        gapAlpha: context.getImageData(side * scale, 0, 1, 1).data[3]
      };
    },
    {side, scale, gap, count}
  );

describe("weightGrid", () => {
  it("weightGrid: one image per weight vector on a diverging scale centred on zero, in one canvas, with a legend", async () => {
    // Three 2x2 "images": all negative, all zero, all positive (beyond the limit: clamped).
    await render(
      `weightGrid([[-1, -1, -1, -1], [0, 0, 0, 0], [5, 5, 5, 5]], {side: 2, scale: 2, limit: 1, title: "W", tooltip: (i) => "node " + i})`
    );
    const grid = await gridOf(2, 2, 3, 3);
    expect(grid.canvases).toBe(1);
    expect(grid.perRow).toBe(2); // no width or columns: a square grid
    expect([grid.width, grid.height]).toEqual([2 * 4 + 3, 2 * 4 + 3]);
    expect(grid.role).toBe("img");
    expect(grid.name).toMatch(/^W: 3 images of 2×2 weights, 2 to a row/);
    const [negative, zero, positive] = grid.rgb;
    expect(negative[0]).toBeGreaterThan(negative[2] + 50); // red
    expect(Math.min(...zero)).toBeGreaterThan(230); // near white
    expect(positive[2]).toBeGreaterThan(positive[0] + 50); // blue
    expect(grid.gapAlpha).toBe(0);
    expect(await page().locator("main svg.legend .tick").count()).toBeGreaterThan(2);
  });

  it("weightGrid: the tooltip names the image under the pointer, and none over a gap", async () => {
    await render(
      `weightGrid([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]], {side: 2, scale: 10, columns: 3, tooltip: (i) => "node " + i})`
    );
    const canvas = page().locator("main canvas");
    const box = (await canvas.boundingBox())!;
    const titleAt = async (x: number, y: number) => {
      await page().mouse.move(box.x + x, box.y + y);
      return canvas.getAttribute("title");
    };
    // Images are 20 px with 3 px gaps: 0-20, 23-43, 46-66.
    expect(await titleAt(10, 10)).toBe("node 0");
    expect(await titleAt(30, 19)).toBe("node 1");
    expect(await titleAt(65, 1)).toBe("node 2");
    expect(await titleAt(21, 10)).toBe(""); // between two images
  });

  it("weightGrid: as many images to a row as fit in the width given", async () => {
    const images = Array.from({length: 7}, (_, i) => Array(4).fill(i - 3));
    await render(`weightGrid(${JSON.stringify(images)}, {side: 2, scale: 10, width: 70})`);
    const grid = await gridOf(2, 10, 3, images.length);
    expect(grid.perRow).toBe(3); // 3 x 20 + 2 x 3 = 66 <= 70 < 89
    expect([grid.width, grid.height]).toEqual([66, Math.ceil(images.length / 3) * 23 - 3]);
    expect(grid.name).toContain(`${images.length} images`);
  });

  it("weightGrid: columns are at most what fits in the width; every pixel of an image is drawn, an empty slot is not", async () => {
    // A scale of 9.6 is drawn as 10 (whole pixels).
    await render(
      `weightGrid([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], {side: 2, scale: 9.6, columns: 3, width: 50})`
    );
    const filled = await page().evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>("main canvas")!;
      const alpha = (x: number, y: number) => canvas.getContext("2d")!.getImageData(x, y, 1, 1).data[3];
      // 2 to a row (2 x 20 + 3 = 43 <= 50): the third image starts a second row, its neighbour slot is empty.
      return {
        width: canvas.width,
        corners: [alpha(0, 0), alpha(19, 19), alpha(23, 0), alpha(42, 19), alpha(19, 42)],
        empty: alpha(30, 30)
      };
    });
    expect(filled).toEqual({width: 43, corners: [255, 255, 255, 255, 255], empty: 0});
  });

  it("weightGrid: the tooltip follows the pointer on a canvas shrunk to a narrow page, and is gone when it leaves", async () => {
    // In a 33 px wide box, the 43 px grid is shown smaller (max-width: 100%).
    await render(`(() => {
      const box = document.createElement("div");
      box.style.width = "33px";
      box.append(weightGrid([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]], {side: 2, scale: 10, columns: 2, tooltip: (i) => "node " + i}));
      return box;
    })()`);
    const canvas = page().locator("main canvas");
    const box = (await canvas.boundingBox())!;
    expect(Math.round(box.width)).toBe(33); // 43 canvas pixels shown in 33
    const titleAt = async (x: number, y: number) => {
      await page().mouse.move(box.x + x * (box.width / 43), box.y + y * (box.height / 43));
      return canvas.getAttribute("title");
    };
    // Points in canvas pixels whose screen position, read as canvas pixels, would name another image.
    expect(await titleAt(25, 5)).toBe("node 1"); // on screen at 19 px, inside image 0's 20
    expect(await titleAt(5, 25)).toBe("node 2");
    expect(await titleAt(21, 5)).toBe(""); // the gap; on screen inside image 0
    expect(await titleAt(30, 30)).toBe(""); // the empty slot
    expect(await titleAt(5, 5)).toBe("node 0");
    await page().mouse.move(box.x + 200, box.y + 200);
    expect(await canvas.getAttribute("title")).toBeNull();
  });
});
