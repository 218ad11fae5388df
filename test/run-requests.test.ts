// Run requests say their seeds and initial weights directly; the settings table a page states
// reports the seeds the runs used, not the SEEDS setting.
import {tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {seedNumbersText, settingsTable} from "../data-loaders/experiments/result-tables.js";
import {seededRuns} from "../data-loaders/experiments/run-requests.js";
import type {Run} from "../data-loaders/run-entry.js";
import type {Settings} from "../data-loaders/settings.js";
import {rowOf} from "../src/components/arrow.js";

const settings: Settings = {seeds: 5, kernel: "wasm-f32", workers: 1};

/** Runs as far as the settings table reads them: their config and training images. */
const runsOf = (requests: ReturnType<typeof seededRuns>) =>
  requests.map((request) => ({config: request.config, trainSamples: 60000}) as Run);

const settingsRow = (runs: Run[]) => {
  const bytes = tableToIPC(settingsTable(settings, runs));
  return rowOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};

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

  it("writes seed numbers as a range only when they run on without a gap", () => {
    expect(seedNumbersText([3, 1, 2, 4])).toBe("1–4");
    expect(seedNumbersText([7, 1, 3])).toBe("1, 3, 7");
    expect(seedNumbersText([2, 1])).toBe("1, 2");
    expect(seedNumbersText([4])).toBe("4");
  });
});
