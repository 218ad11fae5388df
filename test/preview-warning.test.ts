// What a page says about the data it was built from (src/components/preview-warning.ts): a quiet
// line for all of the official MNIST, a labelled warning for a preview or for other files.
import {describe, expect, it} from "vitest";
import {type DataFacts, dataNotice, noticeText} from "../src/components/preview-warning.js";

const official: DataFacts = {
  trainSamples: 60000,
  trainLimit: 0,
  trainImages: 60000,
  testSamples: 10000,
  officialDataset: true
};
const small: DataFacts = {
  trainSamples: 2000,
  trainLimit: 0,
  trainImages: 2000,
  testSamples: 500,
  officialDataset: false
};
const text = (row: Partial<DataFacts>, extra?: string) => noticeText(dataNotice(row, extra));

describe("the data notice", () => {
  it("for all of the official MNIST is a quiet line with its image counts", () => {
    expect(dataNotice(official).label).toBeNull();
    expect(text(official)).toBe("Built from the official MNIST set: 60,000 training and 10,000 test images.");
  });

  it("for a train limit on MNIST is a preview warning naming the limit and both counts", () => {
    const notice = dataNotice({...official, trainSamples: 2000, trainLimit: 2000});
    expect(notice.label).toBe("Preview build");
    expect(notice.parts).toContainEqual({code: "TRAIN_LIMIT=2000"});
    expect(noticeText(notice)).toBe(
      "Trained on the first 2,000 of MNIST's 60,000 training images (TRAIN_LIMIT=2000), scored on its 10,000 test images: not the report's results, which npm run build without it makes."
    );
  });

  it("for other files says how many images, where from, and that they are not the official set", () => {
    const notice = dataNotice(small);
    expect(notice.label).toBe("Other data");
    expect(notice.parts).toContainEqual({code: "MNIST_DIR"});
    expect(noticeText(notice)).toBe(
      "Built from 2,000 training and 500 test images in MNIST_DIR, not the official MNIST set: not the report's results, which npm run build without MNIST_DIR makes."
    );
  });

  it("for a train limit on other files says both", () => {
    const notice = dataNotice({...small, trainSamples: 300, trainLimit: 300});
    expect(notice.label).toBe("Preview build");
    expect(noticeText(notice)).toBe(
      "Trained on the first 300 of the 2,000 training images in MNIST_DIR (TRAIN_LIMIT=300), scored on its 500 test images, not the official MNIST set: not the report's results, which npm run build without TRAIN_LIMIT and MNIST_DIR makes."
    );
  });

  it("treats a limit at or above the set's size as all of it", () => {
    expect(dataNotice({...official, trainLimit: 60000}).label).toBeNull();
  });

  it("adds a page's own sentence to a warning only", () => {
    expect(text(small, "Not comparable with the book's either.")).toMatch(
      /makes\. Not comparable with the book's either\.$/
    );
    expect(text(official, "Not comparable with the book's either.")).not.toContain("book");
  });

  it("names the column a row lacks (a page passed the wrong row)", () => {
    const {trainImages: _, ...withoutImages} = official;
    expect(() => dataNotice(withoutImages)).toThrow(/previewWarning: the row has no trainImages column/);
    expect(() => dataNotice({...official, officialDataset: null as unknown as boolean})).toThrow(
      /no officialDataset column/
    );
  });
});
