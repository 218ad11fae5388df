// The tables most experiments publish: one row per (run, epoch) with its metrics, the build's
// settings, and the reproduction's figures drawn beside ours.
import {
  Bool,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  tableFromArrays,
  Utf8,
  vectorFromArray
} from "apache-arrow";
import * as d3 from "d3";
import {summarize} from "../../lib/seed-stats.js";
import type {Dataset} from "../dataset.js";
import type {Run} from "../run-entry.js";
import {TRAIN_SUBSET} from "../run-training.js";
import type {Settings} from "../settings.js";
import type {RequestedRun} from "./experiment.js";

/** A column of per-run values: whole numbers (Int32), real numbers (Float64) or text. */
export type RunColumn = {int: (run: Run) => number} | {float: (run: Run) => number} | {text: (run: Run) => string};

/** Arrow columns from plain values: whole numbers (Int32), real numbers (Float64), text. */
export const intColumn = (values: number[]) => vectorFromArray(values, new Int32());
export const floatColumn = (values: number[]) => vectorFromArray(values, new Float64());
export const textColumn = (values: string[]) => vectorFromArray(values, new Utf8());

/** Float32 rows of `size` values as an Arrow FixedSizeList vector. */
export function fixedSizeRows(values: Float32Array, size: number) {
  const child = makeData({type: new Float32(), length: values.length, data: values});
  return makeVector(
    makeData({
      type: new FixedSizeList(size, new Field("value", new Float32())),
      length: values.length / size,
      nullCount: 0,
      child
    })
  );
}

/**
 * One row per run and epoch up to the epochs its request asked for, with `columns` describing each run.
 * After each epoch, `testScore` is measured on the whole test set and `trainAccuracy` on the first
 * TRAIN_SUBSET training images (run-training.ts), with the epoch's final weights.
 */
export function epochTable(runs: RequestedRun[], columns: Record<string, RunColumn>): Table {
  const rows = runs.flatMap((run) => run.epochs.slice(0, run.request.epochs).map((metrics) => ({run, metrics})));
  const own = Object.fromEntries(
    Object.entries(columns).map(([name, column]) => [
      name,
      "int" in column
        ? Int32Array.from(rows, (r) => column.int(r.run))
        : "float" in column
          ? Float64Array.from(rows, (r) => column.float(r.run))
          : rows.map((r) => column.text(r.run))
    ])
  );
  return tableFromArrays({
    ...own,
    seed: Int32Array.from(rows, (r) => r.run.config.seed),
    epoch: Int32Array.from(rows, (r) => r.metrics.epoch),
    testScore: Float64Array.from(rows, (r) => r.metrics.testScore),
    trainAccuracy: Float64Array.from(rows, (r) => r.metrics.trainAccuracy),
    seconds: Float64Array.from(rows, (r) => r.metrics.seconds)
  });
}

/** Seed numbers as a page writes them: a run of consecutive ones as "1–5", others listed ("1, 3, 7"). */
export function seedNumbersText(seeds: number[]): string {
  const sorted = [...new Set(seeds)].sort((a, b) => a - b);
  const consecutive = sorted.length > 2 && sorted.every((seed, i) => seed === sorted[0] + i);
  return consecutive ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(", ");
}

/**
 * What the data was, beside a summary table's `trainSamples` and `trainLimit` (for
 * tableFromArrays): `testSamples`, the test images every score is measured on; `trainImages`, the dataset's training images before any TRAIN_LIMIT,
 * and `officialDataset`, whether its four files are (or hold the same images as) the official
 * MNIST ones. Pages say it with previewWarning (src/components/preview-warning.ts).
 */
export const datasetColumns = (dataset: Dataset) => ({
  testSamples: Int32Array.of(dataset.test.count),
  trainImages: Int32Array.of(dataset.train.count),
  officialDataset: [dataset.official]
});

/**
 * One run's row of a summary table (for tableFromArrays): its test score after `epochs`, its
 * settings, the training images it saw and the build's limit, what the data was
 * (datasetColumns), its kernel and its run key.
 */
export const runSummaryColumns = (run: Run, epochs: number, dataset: Dataset, settings: Settings) => ({
  score: Float64Array.of(run.epochs[epochs - 1].testScore),
  lr: Float64Array.of(run.config.lr),
  epochs: Int32Array.of(epochs),
  hidden: Int32Array.of(run.config.hidden),
  init: [run.config.init],
  seed: Int32Array.of(run.config.seed),
  trainSamples: Int32Array.of(run.trainSamples),
  trainLimit: Int32Array.of(settings.trainLimit ?? 0),
  ...datasetColumns(dataset),
  kernel: [run.config.kernel],
  runKey: [run.key]
});

/** What the data was, as Arrow columns: the test images every score is measured on, and datasetColumns'. */
const dataVectors = (dataset: Dataset) => ({
  testSamples: intColumn([dataset.test.count]),
  trainImages: intColumn([dataset.train.count]),
  officialDataset: vectorFromArray([dataset.official], new Bool())
});

/**
 * The settings a page states (and warns about when TRAIN_LIMIT cut the training set or the data
 * is not the official MNIST), from the runs themselves: `seeds`, how many seeds they used, and
 * `seedNumbers`, which ("1–5"), whether SEEDS chose them or the experiment did; `trainSamples`,
 * the training images each run saw; `trainAccuracySamples`, the training images an epoch table's
 * `trainAccuracy` is measured on (the first TRAIN_SUBSET, or all there are); then what the data
 * was (`testSamples`, `trainImages`, `officialDataset`: datasetColumns). `runs` must not be empty.
 */
export function settingsTable(settings: Settings, runs: Run[], dataset: Dataset): Table {
  const seeds = runs.map((run) => run.config.seed);
  return new Table({
    seeds: intColumn([new Set(seeds).size]),
    seedNumbers: textColumn([seedNumbersText(seeds)]),
    trainSamples: intColumn([runs[0].trainSamples]),
    trainLimit: intColumn([settings.trainLimit ?? 0]),
    kernel: textColumn([settings.kernel]),
    trainAccuracySamples: intColumn([Math.min(TRAIN_SUBSET, dataset.train.count)]),
    ...dataVectors(dataset)
  });
}

/**
 * The data alone, for a page that shows no experiment's results (the playground): the columns of
 * settingsTable that say what the data was, with `trainSamples` the training images a run sees.
 */
export function datasetTable(dataset: Dataset, settings: Settings): Table {
  return new Table({
    trainSamples: intColumn([Math.min(settings.trainLimit ?? dataset.train.count, dataset.train.count)]),
    trainLimit: intColumn([settings.trainLimit ?? 0]),
    ...dataVectors(dataset)
  });
}

/** The reproduction's single-seed figures (reproduction.ts) as x, score rows. */
export function referenceTable(rows: {x: number; score: number}[]): Table {
  return new Table({
    x: floatColumn(rows.map((r) => r.x)),
    score: floatColumn(rows.map((r) => r.score))
  });
}

/** A group of (run, epoch) test scores: `key` says what they share ("lr 0.1, epoch 5"). */
export interface ScoreGroup {
  key: string;
  scores: number[];
  seeds: number[];
  trainSamples: number;
}

/**
 * Every (run, epoch) its request asked for (those `keep` accepts), grouped by `key`; the group
 * whose mean test score is highest. `runs` must give at least one kept (run, epoch).
 */
export function bestMean(
  runs: RequestedRun[],
  key: (run: RequestedRun, epoch: number) => string,
  keep: (run: RequestedRun, epoch: number) => boolean = () => true
): ScoreGroup {
  const rows = runs.flatMap((run) =>
    run.epochs
      .slice(0, run.request.epochs)
      .filter((metrics) => keep(run, metrics.epoch))
      .map((metrics) => ({run, key: key(run, metrics.epoch), score: metrics.testScore}))
  );
  const groups = d3.groups(rows, (row) => row.key);
  const best = d3.greatest(groups, ([, members]) => d3.mean(members, (row) => row.score));
  if (!best) throw new RangeError("bestMean: no (run, epoch) to choose from");
  const [bestKey, members] = best;
  return {
    key: bestKey,
    scores: members.map((row) => row.score),
    seeds: members.map((row) => row.run.config.seed),
    trainSamples: members[0].run.trainSamples
  };
}

/**
 * The experiment's row in the index's "Headline results": `setting`, what was set or found
 * best; the mean test score of `group` with its range over seeds; the training images each run
 * saw, `copies` times each (3 with the book's rotations); the seeds, counted and named.
 */
export function headlineTable(setting: string, group: ScoreGroup, copies = 1): Table {
  const {mean, min, max, n} = summarize(group.scores);
  return new Table({
    setting: textColumn([setting]),
    score: floatColumn([mean]),
    min: floatColumn([min]),
    max: floatColumn([max]),
    seeds: intColumn([n]),
    seedNumbers: textColumn([seedNumbersText(group.seeds)]),
    trainSamples: intColumn([group.trainSamples]),
    copies: intColumn([copies])
  });
}
