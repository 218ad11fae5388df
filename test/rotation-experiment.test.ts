import {describe, expect, it} from "vitest";
import {BLOG_FIGURE, BOOK_CONFIGURATIONS, bookFigures} from "../data-loaders/experiments/book-figures.js";
import {experiments} from "../data-loaders/experiments/index.js";
import {experiment7, ROTATION_EPOCHS, WITH_ROTATIONS, WITHOUT_ROTATIONS} from "../data-loaders/experiments/rotation.js";
import {type RequestedRun, tablesFrom} from "../data-loaders/experiments/experiment.js";
import {runKey} from "../data-loaders/run-key.js";
import {seedNumbers} from "../data-loaders/experiments/run-requests.js";
import {getRun} from "../data-loaders/run-training.js";
import {readSettings} from "../data-loaders/settings.js";
import {BOOK_ROTATIONS} from "../lib/rotation.js";
import {compareRanges, rangeVerdict, summarize} from "../lib/seed-stats.js";
import {firstDifference, smallDataset, tempDir} from "./fixtures.js";

const settings = {...readSettings({}), seeds: 2};

describe("Experiment 7: rotation against none", () => {
  it("asks for the book's rotation run and the same run without rotations, per seed", () => {
    const book = BOOK_CONFIGURATIONS.find((c) => c.notebook === "rotations notebook")!;
    const requests = experiment7.runs(settings);
    expect(requests).toHaveLength(2 * settings.seeds);
    for (const seed of seedNumbers(settings)) {
      const ofSeed = requests.filter((r) => r.config.seed === seed);
      const rotated = ofSeed.find((r) => r.config.rotations)!;
      expect(rotated).toMatchObject({
        config: {hidden: book.hidden, lr: book.lr, rotations: BOOK_ROTATIONS},
        epochs: book.epochs
      });
      // the baseline: the same run, seed for seed, without the rotated copies
      const {rotations: _, ...plain} = rotated.config;
      expect(ofSeed.filter((r) => r !== rotated)).toEqual([{config: plain, epochs: rotated.epochs}]);
    }
    // Rotation is part of the run's identity: the two runs of a seed have different keys.
    const keys = new Set(requests.map((r) => runKey(r.config, "x")));
    expect(keys.size).toBe(requests.length);
  });

  it("tables: scores of every run and epoch, and per epoch how the two sets of seeds stand", async () => {
    const dataset = smallDataset(200, 100);
    const store = tempDir();
    const requests = experiment7.runs(settings);
    const runs: RequestedRun[] = [];
    for (const request of requests) runs.push({...(await getRun(dataset, request, store, () => {})), request});
    // A rotated run counts the images it was given, not their copies; the copies change what it learns.
    const rotatedRun = runs.find((run) => run.config.rotations && run.config.seed === 1)!;
    const plainRun = runs.find((run) => !run.config.rotations && run.config.seed === 1)!;
    expect(rotatedRun.trainSamples).toBe(dataset.train.count);
    expect(plainRun.trainSamples).toBe(dataset.train.count);
    expect(firstDifference(rotatedRun.net.who, plainRun.net.who)).not.toBe(-1);
    const tables = tablesFrom(experiment7, runs, dataset, settings);
    expect(tables.scores.numRows).toBe(runs.length * ROTATION_EPOCHS);
    const summary = tables.summary.toArray().map((row) => row.toJSON());
    expect(summary.map((r) => r.epoch)).toEqual(Array.from({length: ROTATION_EPOCHS}, (_, i) => i + 1));
    for (const row of summary) {
      const at = (rotated: boolean) =>
        runs.filter((run) => !!run.config.rotations === rotated).map((run) => run.epochs[row.epoch - 1].testScore);
      const [withRotations, without] = [summarize(at(true)), summarize(at(false))];
      expect(row.rotatedMean).toBe(withRotations.mean);
      expect(row.plainMax).toBe(without.max);
      expect(row.difference).toBeCloseTo(withRotations.mean - without.mean, 12);
      expect(row.rotation).toBe(compareRanges(withRotations, without));
    }
    const variants = new Set(tables.scores.getChild("variant")!.toArray());
    expect(variants).toEqual(new Set([WITH_ROTATIONS, WITHOUT_ROTATIONS]));
  }, 120_000);

  it("ranges stand apart only when they do not overlap", () => {
    const of = (min: number, max: number) => ({...summarize([min, max])});
    expect(compareRanges(of(0.97, 0.98), of(0.95, 0.96))).toBe("higher");
    expect(compareRanges(of(0.95, 0.96), of(0.97, 0.98))).toBe("lower");
    expect(compareRanges(of(0.95, 0.97), of(0.96, 0.98))).toBe("overlapping");
    expect(compareRanges(of(0.96, 0.97), of(0.95, 0.96))).toBe("overlapping"); // touching ends overlap
  });
});

describe("the book's own numbers", () => {
  it("places a figure against a range: inside, or above / below it by the distance to its nearest end", () => {
    expect(rangeVerdict(0.9747, {min: 0.9714, max: 0.9748})).toBe("inside the seed range");
    expect(rangeVerdict(0.9748, {min: 0.9714, max: 0.9748})).toBe("inside the seed range");
    expect(rangeVerdict(0.9781, {min: 0.9714, max: 0.9761})).toBe("above it by 0.0020");
    expect(rangeVerdict(0.9473, {min: 0.948, max: 0.952})).toBe("below it by 0.0007");
    expect(() => rangeVerdict(Number.NaN, {min: 0, max: 1})).toThrow(/cannot place NaN/);
  });

  it("every configuration is a run another experiment already trains: the comparison trains nothing extra", () => {
    const others = Object.values(experiments).filter((e) => e !== bookFigures);
    const trained = new Set(others.flatMap((e) => e.runs(settings)).map((r) => runKey(r.config, "x")));
    const requests = bookFigures.runs(settings);
    expect(requests).toHaveLength(BOOK_CONFIGURATIONS.length * settings.seeds);
    for (const request of requests) expect(trained.has(runKey(request.config, "x"))).toBe(true);
  });

  it("tables: one row per published figure with our seeds' mean, range and the verdict", () => {
    // Runs stand in for trained ones: only their per-epoch test scores are read.
    const requests = bookFigures.runs(settings);
    const runs = requests.map((request, i) => ({
      request,
      config: request.config,
      key: JSON.stringify(request.config), // as the store names runs: one key per configuration and seed
      trainSamples: 60000,
      epochs: Array.from({length: request.epochs}, (_, e) => ({
        epoch: e + 1,
        testScore: 0.95 + 0.001 * (i % settings.seeds) + 0.0001 * e,
        trainAccuracy: 0,
        seconds: 1,
        samplesPerSecond: 1
      }))
    })) as unknown as RequestedRun[];
    const tables = tablesFrom(bookFigures, runs, smallDataset(10, 10), settings);
    const rows = tables.summary.toArray().map((row) => row.toJSON());
    expect(rows).toHaveLength(BOOK_CONFIGURATIONS.reduce((n, c) => n + c.scores.length, 0));
    expect(rows.map((r) => r.bookScore)).toEqual(BOOK_CONFIGURATIONS.flatMap((c) => c.scores));
    let at = 0;
    BOOK_CONFIGURATIONS.forEach((configuration, c) => {
      const ours = summarize(
        runs
          .slice(c * settings.seeds, (c + 1) * settings.seeds)
          .map((run) => run.epochs[configuration.epochs - 1].testScore)
      );
      for (const score of configuration.scores) {
        const row = rows[at++];
        expect(row.ourMean).toBeCloseTo(ours.mean, 12);
        expect([row.ourMin, row.ourMax]).toEqual([ours.min, ours.max]);
        expect(row.verdict).toBe(rangeVerdict(score, ours));
        expect(row.deviations).toBeCloseTo((score - ours.mean) / ours.sd, 9);
      }
    });
    expect(tables.scores.numRows).toBe(runs.length);
    expect(tables.blog.get(0)!.toJSON().score).toBe(BLOG_FIGURE.score);
  });
});
