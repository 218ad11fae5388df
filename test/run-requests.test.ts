// Run requests say their seeds and initial weights directly; the settings table a page states
// reports the seeds the runs used, not the SEEDS setting.
import {tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import type {Table} from "apache-arrow";
import type {Dataset} from "../data-loaders/dataset.js";
import {datasetTable, seedNumbersText, settingsTable} from "../data-loaders/experiments/result-tables.js";
import {seededRuns} from "../data-loaders/experiments/run-requests.js";
import type {Run} from "../data-loaders/run-entry.js";
import {TRAIN_SUBSET} from "../data-loaders/run-training.js";
import type {Settings} from "../data-loaders/settings.js";
import {rowOf} from "../src/components/arrow.js";

const settings: Settings = {seeds: 5, kernel: "wasm-f32", workers: 1};

/** Runs as far as the settings table reads them: their config and training images. */
const runsOf = (requests: ReturnType<typeof seededRuns>) =>
  requests.map((request) => ({config: request.config, trainSamples: 60000}) as Run);

/** A dataset as far as the tables read it: its counts and whether it is the official MNIST. */
const datasetOf = (train: number, test: number, official: boolean) =>
  ({train: {count: train}, test: {count: test}, official}) as Dataset;
const fullMnist = datasetOf(60000, 10000, true);

const rowOfTable = (table: Table) => {
  const bytes = tableToIPC(table);
  return rowOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};
const settingsRow = (runs: Run[], dataset = fullMnist, chosen = settings) =>
  rowOfTable(settingsTable(chosen, runs, dataset));

describe("run requests", () => {
  it("use seeds 1..SEEDS and the book's Normal weights unless the experiment says otherwise", () => {
    const runs = seededRuns({hidden: 100, lr: 0.1}, 5, settings);
    expect(runs.map((r) => r.config.seed)).toEqual(Array.from({length: settings.seeds}, (_, i) => i + 1));
    expect(new Set(runs.map((r) => r.config.init))).toEqual(new Set(["Normal"]));
    expect(runs.every((r) => r.epochs === 5)).toBe(true);
  });

  it("take fixed seeds and initial weights from the request, whatever SEEDS is", () => {
    const seeds = [1, 2, 3];
    const runs = seededRuns({hidden: 100, lr: 0.1, init: "Rand"}, 5, settings, seeds);
    expect(runs.map((r) => r.config.seed)).toEqual(seeds);
    expect(runs.map((r) => r.config.init)).toEqual(seeds.map(() => "Rand"));
  });
});

describe("settingsTable", () => {
  it("reports the seeds the runs used: fixed seeds 1-3 under SEEDS=5 are 3 seeds, 1–3", () => {
    const row = settingsRow(runsOf(seededRuns({hidden: 100, lr: 0.1}, 1, settings, [1, 2, 3])));
    expect(row.seeds).toBe(3);
    expect(row.seedNumbers).toBe("1–3");
    expect(row.trainSamples).toBe(60000);
  });

  it("counts a seed shared by several configurations once", () => {
    const requests = [0.1, 0.2].flatMap((lr) => seededRuns({hidden: 100, lr}, 1, settings));
    const row = settingsRow(runsOf(requests));
    expect(row.seeds).toBe(settings.seeds);
    expect(row.seedNumbers).toBe(`1–${settings.seeds}`);
  });

  it("says what the data was: the dataset's images, the test images, whether it is the official MNIST, the limit", () => {
    const runs = runsOf(seededRuns({hidden: 100, lr: 0.1}, 1, settings)).map((run) => ({...run, trainSamples: 300}));
    const row = settingsRow(runs, datasetOf(2000, 500, false), {...settings, trainLimit: 300});
    expect(row).toMatchObject({trainSamples: 300, trainLimit: 300, trainImages: 2000, testSamples: 500});
    expect(row.trainAccuracySamples).toBe(Math.min(TRAIN_SUBSET, 2000)); // trainAccuracy's images: all there are
    expect(row.officialDataset).toBe(false);
    expect(settingsRow(runsOf(seededRuns({hidden: 100, lr: 0.1}, 1, settings)))).toMatchObject({
      trainSamples: 60000,
      trainLimit: 0,
      trainImages: 60000,
      testSamples: 10000,
      officialDataset: true,
      trainAccuracySamples: TRAIN_SUBSET
    });
  });

  it("datasetTable has the settings table's data columns, the same values for the same data", () => {
    const limited = {...settings, trainLimit: 300};
    const runs = runsOf(seededRuns({hidden: 100, lr: 0.1}, 1, settings)).map((run) => ({...run, trainSamples: 300}));
    const data = rowOfTable(datasetTable(datasetOf(2000, 500, false), limited));
    const fromSettings = settingsRow(runs, datasetOf(2000, 500, false), limited);
    expect(Object.keys(data).length).toBeGreaterThan(0);
    for (const [column, value] of Object.entries(data)) expect(fromSettings[column], column).toEqual(value);
    expect(rowOfTable(datasetTable(fullMnist, settings)).trainSamples).toBe(60000); // no limit: every image
  });

  it("writes seed numbers as a range only when they run on without a gap", () => {
    expect(seedNumbersText([3, 1, 2, 4])).toBe("1–4");
    expect(seedNumbersText([7, 1, 3])).toBe("1, 3, 7");
    expect(seedNumbersText([2, 1])).toBe("1, 2");
    expect(seedNumbersText([4])).toBe("4");
  });
});
