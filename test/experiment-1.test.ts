import type {Table} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import {tablesFrom} from "../data-loaders/experiments/experiment.js";
import {experiment1} from "../data-loaders/experiments/one-run.js";
import {getRun} from "../data-loaders/run-training.js";
import {smallDataset, tempDir} from "./fixtures.js";

describe("experiment 1 tables", () => {
  const dataset = smallDataset(500, 300);
  const settings = {trainLimit: 500, kernel: "wasm-f32", seeds: 1, workers: 1} as const;
  const [request] = experiment1.runs(settings);
  const {config} = request;
  let tables: Record<string, Table>;
  beforeAll(async () => {
    tables = tablesFrom(experiment1, [{...(await getRun(dataset, request, tempDir())), request}], dataset, settings);
  });
  const rows = (name: string) => tables[name].toArray().map((row) => row.toJSON());

  it("reports epoch 1 of its run even when another experiment trained that run further", async () => {
    const store = tempDir();
    const longer = await getRun(dataset, {config, epochs: 3}, store);
    const summary = tablesFrom(experiment1, [{...longer, request}], dataset, settings)
      .summary.get(0)!
      .toJSON();
    expect(summary.epochs).toBe(1);
    expect(summary.score).toBe(longer.epochs[0].testScore);
    expect(longer.epochs[2].testScore).not.toBe(longer.epochs[0].testScore);
  });

  it("the confusion matrix counts every test image once, its diagonal gives the score", () => {
    const confusion = rows("confusion");
    expect(confusion).toHaveLength(10 * 10); // every (actual, predicted) pair of digits
    expect(confusion.reduce((sum, d) => sum + d.count, 0)).toBe(dataset.test.count);
    const right = confusion.filter((d) => d.actual === d.predicted).reduce((sum, d) => sum + d.count, 0);
    const [summary] = rows("summary");
    expect(right / dataset.test.count).toBe(summary.score);
  });

  it("the summary's training images are those the run saw: the limit, when the dataset holds more", async () => {
    const limited = {...settings, trainLimit: dataset.train.count / 2};
    const [limitedRequest] = experiment1.runs(limited);
    const run = await getRun(dataset, limitedRequest, tempDir());
    const [summary] = tablesFrom(experiment1, [{...run, request: limitedRequest}], dataset, limited)
      .summary.toArray()
      .map((row) => row.toJSON());
    expect([summary.trainLimit, summary.trainSamples]).toEqual([limited.trainLimit, limited.trainLimit]);
  });

  it("per-digit accuracy agrees with the labels and the confusion matrix", () => {
    const digits = rows("digits");
    expect(digits.map((d) => d.count)).toEqual(
      Array.from({length: 10}, (_, d) => dataset.test.labels.filter((l) => l === d).length)
    );
    for (const d of digits) expect(d.accuracy).toBeCloseTo(d.correct / d.count, 15);
  });

  it("the misclassified sample holds only wrong answers, with their pixels", () => {
    const wrong = rows("misclassified");
    expect(wrong.length).toBeGreaterThan(0);
    for (const d of wrong) {
      expect(d.predicted).not.toBe(d.label);
      expect(d.label).toBe(dataset.test.labels[d.index]);
      expect(Array.from(d.pixels)).toEqual(
        Array.from(dataset.test.pixels.subarray(d.index * 784, (d.index + 1) * 784))
      );
    }
  });
});
