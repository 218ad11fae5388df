// What the try panel's status line says when a run ends, rendered in Chromium (see
// component-page.ts). A build with TRAIN_LIMIT stores no run a reader can pick, so the
// browser tests that press Reproduce run on full builds only; these check the verdict's markup
// on any build.
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page} = componentPage(["try-messages"]);

/** The element `code` returns: its text, and the attributes of its .verdict or .score. */
const shown = (code: string) =>
  page().evaluate((source) => {
    const main = document.querySelector("main")!;
    main.replaceChildren(new Function(`return ${source}`)());
    const mark = main.querySelector(".verdict, .score");
    return {
      text: main.textContent,
      identical: mark?.getAttribute("data-identical"),
      kernel: mark?.getAttribute("data-kernel"),
      score: mark?.getAttribute("data-score")
    };
  }, code);

describe("the try panel's verdicts", () => {
  const stored = `[{epoch: 1, testScore: 0.9441}]`;

  it("the same score as the build's, digit for digit: Identical, with the pair compared", async () => {
    expect(
      await shown(
        `verdictLine(${stored}, [{epoch: 1, score: 0.9441}], {browser: "wasm-f32", build: "wasm-f32"}, "1.00 s")`
      )
    ).toEqual({
      text: "Identical: the browser's test score equals the build's, digit for digit (epoch 1: 0.9441 (browser) vs 0.9441 (build); 1.00 s).",
      identical: "true",
      kernel: "wasm-f32",
      score: null
    });
  });

  it("another score from another kernel: Different, and why a difference is expected", async () => {
    const got = await shown(
      `verdictLine(${stored}, [{epoch: 1, score: 0.9440}], {browser: "sparse", build: "wasm-f32"}, "2.00 s")`
    );
    expect(got).toMatchObject({identical: "false", kernel: "sparse"});
    expect(got.text).toMatch(
      /^Different: .* The browser trained with the sparse kernel and the build with wasm-f32: kernels round/
    );
  });

  it("a new setting's run and a stored one give their score as text and as data-score", async () => {
    expect(await shown(`finishedLine("lr 0.4, seed 1", {epoch: 1, score: 0.9123}, "1.00 s")`)).toMatchObject({
      text: "Your run, lr 0.4, seed 1: test score 0.9123 after epoch 1 (1.00 s).",
      score: "0.9123"
    });
    expect(await shown(`storedLine("lr <b>0.2</b>", {epoch: 1, testScore: 0.95}, true)`)).toMatchObject({
      text: "Stored by the build: lr <b>0.2</b>, test score 0.95 after epoch 1. Highlighted on the chart; retrain it here to check the number.",
      score: "0.95"
    });
  });
});
