// The files a page needs to train in the browser, named here once so any page can use them
// (Framework copies a file into the site when a module names it literally). Nothing is
// downloaded until the reader asks to train: the full training set is about 10 MB.
import {FileAttachment} from "observablehq:stdlib";
import type {LabelledImages} from "../lib/mnist.js";
import {fetchBytes} from "./fetch-bytes.js";
import {labelledImages} from "./mnist-files.js";

/** The worker that trains with the lib/ engine (src/playground/train-worker.ts, bundled). */
export const trainWorker = FileAttachment("../data/playground-worker.js");

const files = {
  trainImages: FileAttachment("../data/mnist-train-images.idx.gz"),
  trainLabels: FileAttachment("../data/mnist-train-labels.idx.gz"),
  testImages: FileAttachment("../data/mnist-test-images.idx.gz"),
  testLabels: FileAttachment("../data/mnist-test-labels.idx.gz")
};

/** Bytes to download for the full training and test sets (the sizes Framework recorded when it built the site). */
export function downloadSize(): number {
  return Object.values(files).reduce((total, file) => total + file.size, 0);
}

let loaded: Promise<{train: LabelledImages; test: LabelledImages}> | undefined;

/** All the dataset's training and test images (60,000 and 10,000 for MNIST), downloaded once per page; `onBytes` reports progress. */
export function trainingData(
  onBytes: (bytes: number) => void = () => {}
): Promise<{train: LabelledImages; test: LabelledImages}> {
  loaded ??= (async () => {
    const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
      Object.values(files).map((file) => fetchBytes(file.href, onBytes))
    );
    const [train, test] = await Promise.all([
      labelledImages(trainImages, trainLabels, "training"),
      labelledImages(testImages, testLabels, "test")
    ]);
    return {train, test};
  })();
  loaded.catch(() => {
    loaded = undefined; // a failed download can be tried again
  });
  return loaded;
}
