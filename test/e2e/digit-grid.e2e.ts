// digitGrid, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["digit-grid"]);

describe("digitGrid", () => {
  it("digitGrid: a canvas with ink and a caption per image", async () => {
    const got = await render(
      `digitGrid([{p: new Uint8Array(784).fill(255), c: "a"}, {p: new Uint8Array(784), c: "b"}], {pixels: (r) => r.p, caption: (r) => r.c})`
    );
    expect(got.canvases).toBe(2);
    expect(got.captions).toEqual(["a", "b"]);
    const ink = await page().evaluate(() =>
      Array.from(document.querySelectorAll("canvas"), (c) => c.getContext("2d")!.getImageData(14, 14, 1, 1).data[0])
    );
    expect(ink).toEqual([0, 255]); // full ink is black, no ink is white
  });
});
