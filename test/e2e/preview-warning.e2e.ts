// previewWarning, what data a page was built from, rendered in Chromium (see component-page.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page} = componentPage(["preview-warning"]);

describe("previewWarning, what data a page was built from", () => {
  const official = {trainSamples: 60000, trainLimit: 0, trainImages: 60000, testSamples: 10000, officialDataset: true};
  const small = {trainSamples: 2000, trainLimit: 0, trainImages: 2000, testSamples: 500, officialDataset: false};
  /** The element previewWarning(row, extra) draws: its tag, class, label, text and code elements. */
  const notice = (row: object, extra?: string) =>
    page().evaluate(
      ([row, extra]) => {
        const main = document.querySelector("main")!;
        const g = globalThis as unknown as {previewWarning: (row: object, extra?: string) => HTMLElement};
        main.replaceChildren(g.previewWarning(row as object, extra as string | undefined));
        const element = main.firstElementChild!;
        return {
          tag: element.tagName.toLowerCase(),
          className: element.className,
          label: element.getAttribute("label"),
          text: element.textContent,
          code: Array.from(element.querySelectorAll("code"), (c) => c.textContent)
        };
      },
      [row, extra] as const
    );

  it("all of the official MNIST: a quiet line of its image counts", async () => {
    expect(await notice(official)).toEqual({
      tag: "p",
      className: "data-source",
      label: null,
      text: "Built from the official MNIST set: 60,000 training and 10,000 test images.",
      code: []
    });
  });

  it("other files: Framework's labelled warning, with the counts and MNIST_DIR as code", async () => {
    const got = await notice(small, "Not comparable with the book's either.");
    expect(got).toMatchObject({tag: "div", className: "warning", label: "Other data"});
    expect(got.text).toMatch(
      /^Built from 2,000 training and 500 test images in MNIST_DIR, not the official MNIST set: .* Not comparable with the book's either\.$/
    );
    expect(got.code).toEqual(["MNIST_DIR", "npm run build", "MNIST_DIR"]);
  });

  it("a train limit: the Preview build warning naming TRAIN_LIMIT", async () => {
    const got = await notice({...official, trainSamples: 2000, trainLimit: 2000});
    expect(got).toMatchObject({tag: "div", className: "warning", label: "Preview build"});
    expect(got.code).toContain("TRAIN_LIMIT=2000");
  });
});
