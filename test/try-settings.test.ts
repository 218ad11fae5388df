// The try panel's decisions: which settings the build stored, and what a run draws.
import {describe, expect, it} from "vitest";
import {
  describeTry,
  imageChoices,
  pointsOf,
  SUBSET,
  storedEpochs,
  type TrySettings
} from "../src/components/try-settings.js";

// Two seeds of lr 0.1 scored after epochs 1-3, and one of lr 0.2 after epoch 1.
const scores = [
  ...[1, 2].flatMap((seed) =>
    [1, 2, 3].map((epoch) => ({lr: 0.1, seed, epoch, testScore: 0.9 + seed / 100 + epoch / 1000}))
  ),
  {lr: 0.2, seed: 1, epoch: 1, testScore: 0.95}
];
const settings = {seeds: 2, trainSamples: 60000, trainLimit: 0, kernel: "wasm-f32"};
const fixed = {hidden: 100, init: "Normal" as const};
const run = (changes: Partial<TrySettings>): TrySettings => ({
  lr: 0.1,
  epochs: 3,
  hidden: 100,
  init: "Normal",
  seed: 2,
  images: 60000,
  ...changes
});

describe("try panel settings", () => {
  it("finds a stored run's epochs in order, up to the epochs asked for", () => {
    expect(storedEpochs(scores, settings, fixed, run({})).map((d) => d.testScore)).toEqual([0.921, 0.922, 0.923]);
    expect(storedEpochs(scores, settings, fixed, run({epochs: 2})).map((d) => d.epoch)).toEqual([1, 2]);
    expect(storedEpochs(scores, settings, fixed, run({lr: 0.2, seed: 1, epochs: 1}))).toHaveLength(1);
  });

  it("stores nothing for settings the build did not train", () => {
    for (const changes of [
      {lr: 0.4}, // another rate
      {seed: 3}, // another seed
      {epochs: 4}, // more epochs than stored
      {hidden: 200}, // another size
      {init: "Rand" as const}, // other initial weights
      {images: 10000} // a subset
    ])
      expect(storedEpochs(scores, settings, fixed, run(changes)), JSON.stringify(changes)).toEqual([]);
  });

  it("matches a preview build's runs only on its own number of images", () => {
    const preview = {...settings, trainSamples: 1000, trainLimit: 1000};
    expect(storedEpochs(scores, preview, fixed, run({}))).toEqual([]);
    expect(storedEpochs(scores, preview, fixed, run({images: 1000}))).toHaveLength(3);
  });

  it("describes what the page varies, and a subset or other weights", () => {
    expect(describeTry(run({}), ["lr"], 60000)).toBe("lr 0.1, seed 2");
    expect(describeTry(run({epochs: 1}), ["lr", "epochs"], 60000)).toBe("lr 0.1, 1 epoch, seed 2");
    expect(describeTry(run({init: "Rand", images: 10000}), ["hidden"], 60000)).toBe(
      "100 hidden, Rand weights, seed 2 (first 10,000 images)"
    );
  });

  it("calls all of a smaller dataset's images all of them, not a subset", () => {
    expect(describeTry(run({images: 2000}), ["lr"], 2000)).toBe("lr 0.1, seed 2");
    expect(describeTry(run({images: 1000}), ["lr"], 2000)).toBe("lr 0.1, seed 2 (first 1,000 images)");
  });

  it("offers all the dataset's training images, and the first SUBSET only when there are more", () => {
    expect(imageChoices(60000)).toEqual([
      ["all 60,000", 60000],
      [`first ${SUBSET.toLocaleString("en")} (${60000 / SUBSET} times faster)`, SUBSET]
    ]);
    expect(imageChoices(2000)).toEqual([["all 2,000", 2000]]);
    expect(imageChoices(SUBSET)).toEqual([[`all ${SUBSET.toLocaleString("en")}`, SUBSET]]);
    expect(() => imageChoices(undefined as unknown as number)).toThrow(/trainImages is undefined/);
  });

  it("draws a curve over epochs, or one point at the setting after the last epoch", () => {
    const epochs = [
      {epoch: 1, score: 0.9},
      {epoch: 2, score: 0.93}
    ];
    expect(pointsOf("epoch", run({epochs: 2}), epochs)).toEqual([
      {x: 1, y: 0.9},
      {x: 2, y: 0.93}
    ]);
    expect(pointsOf("lr", run({epochs: 2}), epochs)).toEqual([{x: 0.1, y: 0.93}]);
    expect(pointsOf("hidden", run({epochs: 3}), epochs)).toEqual([]); // not there yet
  });
});
