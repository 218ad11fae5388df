// Experiment 5: run the network backwards. The lr 0.025 network after 13 epochs (the run
// Experiment 4 trains to 15, kept at epoch 13 as a snapshot) is back-queried for every label
// and exported whole, so pages can run it. Every 100-node run of Experiments 2-4 contributes the
// back queries of each epoch those experiments ask for, one table per learning rate, for comparison.
import {Binary, Table, tableFromArrays, vectorFromArray} from "apache-arrow";
import {firstSamples} from "../../lib/mnist.js";
import type {Network} from "../../lib/network.js";
import type {Run} from "../run-entry.js";
import type {RunRequest} from "../run-key.js";
import {weightsAt} from "../run-training.js";
import type {Settings} from "../settings.js";
import {EPOCHS_SWEEP_LR, experiment3} from "./epochs.js";
import type {Experiment, RequestedRun, TableMaker} from "./experiment.js";
import {correlation, digitShapes, inkFrequency, meanPairwiseCorrelation} from "./image-statistics.js";
import {fixedSizeRows, floatColumn, intColumn, runSummaryColumns, textColumn} from "./result-tables.js";
import {experiment2, LEARNING_RATES} from "./learning-rate.js";
import {experiment4, GRID_RATES} from "./rate-and-epochs.js";
import {runConfig} from "./run-requests.js";

export const BACK_QUERY_LR = 0.025;
export const BACK_QUERY_EPOCHS = 13;
export const BACK_QUERY_SEED = 1;

/** A back-queried image as grey levels: 0.01 (white) .. 0.99 (ink) onto 0..255. */
export function greyLevels(image: Float32Array): Uint8Array {
  return Uint8Array.from(image, (v) => Math.round(((v - 0.01) / 0.98) * 255));
}

/**
 * Distinctive shapes as grey levels for display: mid-grey (127.5) where a digit is typical, 0 and
 * 255 at the largest difference of any digit, from the Float32 values the shapes table holds.
 */
export function shapeGreyLevels(shapes: Float32Array[]): Uint8Array[] {
  let bound = 0;
  for (const shape of shapes) for (const v of shape) bound = Math.max(bound, Math.abs(v));
  return shapes.map((shape) => Uint8Array.from(shape, (v) => Math.round(127.5 + (127.5 * v) / bound)));
}

/** One row per hidden node: its 784 input weights and its 10 output weights, Float32. */
export function weightsTable(net: Network): Table {
  const whoByNode = new Float32Array(net.hidden * net.outputs);
  for (let k = 0; k < net.outputs; k++)
    for (let j = 0; j < net.hidden; j++) whoByNode[j * net.outputs + k] = net.who[k * net.hidden + j];
  return new Table({
    node: vectorFromArray(Int32Array.from({length: net.hidden}, (_, j) => j)),
    wih: fixedSizeRows(Float32Array.from(net.wih), net.inputs),
    who: fixedSizeRows(whoByNode, net.outputs)
  });
}

/** One row per (run, epoch, label) of `rows`: the back-queried image as grey levels. */
function backQueryTable(rows: {run: Run; epoch: number}[], inputs: number): Table {
  const chosen = rows.flatMap((r) => Array.from({length: 10}, (_, label) => ({...r, label})));
  return new Table({
    lr: floatColumn(chosen.map((r) => r.run.config.lr)),
    seed: intColumn(chosen.map((r) => r.run.config.seed)),
    epoch: intColumn(chosen.map((r) => r.epoch)),
    label: intColumn(chosen.map((r) => r.label)),
    pixels: vectorFromArray(
      chosen.map((r) => greyLevels(r.run.backQueries[r.epoch - 1].subarray(r.label * inputs, (r.label + 1) * inputs))),
      new Binary()
    )
  });
}

/** The 100-node runs of Experiments 2-4: the networks a reader can compare with. */
const storedRuns = (settings: Settings): RunRequest[] =>
  [experiment2, experiment3, experiment4].flatMap((e) => e.runs(settings));

/** Their learning rates: one back-query table each, so a page loads only the rate a reader picks. */
export const COMPARED_RATES = [...new Set([...LEARNING_RATES, EPOCHS_SWEEP_LR, ...GRID_RATES])].sort((a, b) => a - b);

/** Inputs per image, from a back query (ten images, one per label). */
const inputsOf = (run: Run) => run.backQueries[BACK_QUERY_EPOCHS - 1].length / 10;

/** One row per (run, epoch) of the compared runs, each run once with the most epochs any experiment asks for. */
function comparedRows([, ...others]: RequestedRun[]): {run: RequestedRun; epoch: number; testScore: number}[] {
  const runs = new Map<string, RequestedRun>();
  for (const run of others) if (run.request.epochs > (runs.get(run.key)?.request.epochs ?? 0)) runs.set(run.key, run);
  return [...runs.values()]
    .flatMap((run) => run.epochs.slice(0, run.request.epochs).map((e) => ({run, ...e})))
    .sort((a, b) => a.run.config.lr - b.run.config.lr || a.run.config.seed - b.run.config.seed || a.epoch - b.epoch);
}

/**
 * The back-queried network (lr, epochs, init) from every seed: how much of its back query is the
 * data's doing and how much the random start's.
 */
function seedRunsOf([main, ...others]: RequestedRun[]): RequestedRun[] {
  const same = others.filter(
    (r) =>
      r.config.lr === BACK_QUERY_LR &&
      r.config.init === main.config.init &&
      r.config.hidden === main.config.hidden &&
      r.config.seed !== main.config.seed &&
      r.epochs.length >= BACK_QUERY_EPOCHS
  );
  return [main, ...new Map(same.map((run) => [run.key, run])).values()].sort((a, b) => a.config.seed - b.config.seed);
}

/** Label `label`'s back query of `run` at the back-queried epoch. */
const backQueryOf = (run: Run, label: number) => {
  const inputs = inputsOf(run);
  return run.backQueries[BACK_QUERY_EPOCHS - 1].subarray(label * inputs, (label + 1) * inputs);
};

const PAIRS = Array.from({length: 100}, (_, i) => ({label: Math.floor(i / 10), digit: i % 10}));

export const experiment5: Experiment = {
  id: "exp5",
  title: "Experiment 5: back query",
  page: "/experiment-5",
  description:
    "Back query: running the book's trained MNIST network backwards to see what it thinks each digit looks like.",
  runs: (settings) => [
    {
      config: runConfig({hidden: 100, lr: BACK_QUERY_LR}, BACK_QUERY_SEED, settings),
      epochs: BACK_QUERY_EPOCHS,
      snapshots: [BACK_QUERY_EPOCHS]
    },
    ...storedRuns(settings)
  ],
  tables: {
    summary: ([main], dataset, settings) =>
      tableFromArrays(runSummaryColumns(main, BACK_QUERY_EPOCHS, dataset, settings)),
    backquery: ([main]) =>
      new Table({
        label: vectorFromArray(Int32Array.from({length: 10}, (_, label) => label)),
        image: fixedSizeRows(main.backQueries[BACK_QUERY_EPOCHS - 1], inputsOf(main)),
        pixels: vectorFromArray(
          Array.from({length: 10}, (_, label) => greyLevels(backQueryOf(main, label))),
          new Binary()
        )
      }),
    // The only table that reads a run's weights.
    weights: ([main]) => weightsTable(weightsAt(main, BACK_QUERY_EPOCHS)),
    // The networks a reader can compare with: one row per (lr, seed, epoch).
    runs(runs) {
      const rows = comparedRows(runs);
      return new Table({
        lr: floatColumn(rows.map((r) => r.run.config.lr)),
        seed: intColumn(rows.map((r) => r.run.config.seed)),
        epoch: intColumn(rows.map((r) => r.epoch)),
        testScore: floatColumn(rows.map((r) => r.testScore)),
        kernel: textColumn(rows.map((r) => r.run.config.kernel))
      });
    },
    // Each digit's distinctive shape, and how much each back query resembles each shape.
    shapes([main], dataset, settings) {
      const shapes = digitShapes(firstSamples(dataset.train, settings.trainLimit)).map((shape) =>
        Float32Array.from(shape)
      );
      return new Table({
        digit: vectorFromArray(Int32Array.from({length: 10}, (_, d) => d)),
        image: fixedSizeRows(Float32Array.from(shapes.flatMap((shape) => Array.from(shape))), inputsOf(main)),
        pixels: vectorFromArray(shapeGreyLevels(shapes), new Binary())
      });
    },
    similarity([main], dataset, settings) {
      const shapes = digitShapes(firstSamples(dataset.train, settings.trainLimit));
      return new Table({
        label: intColumn(PAIRS.map((p) => p.label)),
        digit: intColumn(PAIRS.map((p) => p.digit)),
        correlation: floatColumn(PAIRS.map((p) => correlation(backQueryOf(main, p.label), shapes[p.digit])))
      });
    },
    seeds: (runs) =>
      backQueryTable(
        seedRunsOf(runs).map((run) => ({run, epoch: BACK_QUERY_EPOCHS})),
        inputsOf(runs[0])
      ),
    agreement(runs, dataset, settings) {
      const seedRuns = seedRunsOf(runs);
      const inputs = inputsOf(runs[0]);
      const ink = inkFrequency(firstSamples(dataset.train, settings.trainLimit));
      const all = Array.from({length: inputs}, (_, i) => i);
      const regions = [
        {region: "all pixels", pixels: all},
        {region: "pixels no training image inks", pixels: all.filter((i) => ink[i] === 0)},
        {region: "pixels under 1% of training images ink", pixels: all.filter((i) => ink[i] > 0 && ink[i] < 0.01)},
        {region: "pixels 1% or more of training images ink", pixels: all.filter((i) => ink[i] >= 0.01)}
      ];
      const rows = regions.flatMap(({region, pixels}) =>
        Array.from({length: 10}, (_, label) => ({
          region,
          pixels: pixels.length,
          label,
          correlation:
            pixels.length > 1
              ? meanPairwiseCorrelation(
                  seedRuns.map((run) => backQueryOf(run, label)),
                  pixels
                )
              : NaN
        }))
      );
      return new Table({
        region: textColumn(rows.map((r) => r.region)),
        pixels: intColumn(rows.map((r) => r.pixels)),
        label: intColumn(rows.map((r) => r.label)),
        seeds: intColumn(rows.map(() => seedRuns.length)),
        correlation: floatColumn(rows.map((r) => r.correlation))
      });
    },
    ...Object.fromEntries(
      COMPARED_RATES.map((lr): [string, TableMaker] => [
        `backquery-${lr}`,
        (runs) =>
          backQueryTable(
            comparedRows(runs).filter((r) => r.run.config.lr === lr),
            inputsOf(runs[0])
          )
      ])
    )
  }
};

export default experiment5;
