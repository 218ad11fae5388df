// player (epoch-player.ts), its slider and play button in Chromium (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["epoch-player"]);

describe("player", () => {
  it("player: the slider sets the value and play steps it", async () => {
    await render(`player({min: 1, max: 3, label: "Epoch", interval: 50})`);
    const values = await page().evaluate(async () => {
      const form = document.querySelector("form") as HTMLFormElement & {value: number};
      const seen: number[] = [];
      form.addEventListener("input", () => seen.push(form.value));
      form.querySelector("button")!.click();
      await new Promise((r) => setTimeout(r, 300));
      return seen;
    });
    expect(values).toEqual([2, 3]);
  });
});
