// confusionMatrix, rendered in Chromium from a small table (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["confusion-matrix"]);

describe("confusionMatrix", () => {
  it("confusionMatrix: 100 cells for digits, labelled axes, the diagonal outlined", async () => {
    const got =
      await render(`confusionMatrix(Array.from({length: 100}, (_, i) => ({a: Math.floor(i / 10), p: i % 10, n: i % 11 === 0 ? 900 : i % 7})), {
      actual: (r) => r.a, predicted: (r) => r.p, count: (r) => r.n})`);
    expect(got.marks).toBe(100);
    expect(got.axisLabels).toEqual(["Predicted digit", "True digit"]);
    expect(await page().locator("main rect[stroke='currentColor']").count()).toBe(10);
  });
});
