// Experiment 5: run the network backwards. The lr 0.025 network after 13 epochs (the run
// Experiment 4 trains to 15, kept at epoch 13 as a snapshot) is back-queried for every label
// and exported whole, so pages can run it. Every other stored 100-node run contributes the
// back queries of each of its epochs, one table per learning rate, for comparison.
import {Binary, Field, Float32, Float64, FixedSizeList, Int32, makeData, makeVector, Table, tableFromArrays, Utf8, vectorFromArray} from "apache-arrow";
import type {Network} from "../../lib/network.js";
import {distinctRuns} from "../run-pool.js";
import {runKey, weightsAt, type Run, type RunRequest} from "../run-store.js";
import type {Settings} from "../settings.js";
import type {Experiment} from "./experiment.js";
import {experiment2, experiment3, experiment4} from "./sweeps.js";

export const LR = 0.025;
export const EPOCHS = 13;
export const SEED = 1;

/** Float32 rows of `size` values as an Arrow FixedSizeList vector. */
function fixedSizeRows(values: Float32Array, size: number) {
  const child = makeData({type: new Float32(), length: values.length, data: values});
  return makeVector(makeData({type: new FixedSizeList(size, new Field("value", new Float32())), length: values.length / size, nullCount: 0, child}));
}

/** A back-queried image as grey levels: 0.01 (white) .. 0.99 (ink) onto 0..255. */
export function greyLevels(image: Float32Array): Uint8Array {
  return Uint8Array.from(image, (v) => Math.round(((v - 0.01) / 0.98) * 255));
}

/** One row per hidden node: its 784 input weights and its 10 output weights, Float32. */
export function weightsTable(net: Network): Table {
  const whoByNode = new Float32Array(net.hidden * net.outputs);
  for (let k = 0; k < net.outputs; k++) for (let j = 0; j < net.hidden; j++) whoByNode[j * net.outputs + k] = net.who[k * net.hidden + j];
  return new Table({
    node: vectorFromArray(Int32Array.from({length: net.hidden}, (_, j) => j)),
    wih: fixedSizeRows(Float32Array.from(net.wih), net.inputs),
    who: fixedSizeRows(whoByNode, net.outputs)
  });
}

/** The 100-node runs of Experiments 2-4: the networks a reader can compare with. */
const storedRuns = (settings: Settings): RunRequest[] => [experiment2, experiment3, experiment4].flatMap((e) => e.runs(settings));

export const experiment5: Experiment = {
  id: "exp5",
  title: "Experiment 5: back query",
  runs: (settings) => [
    {config: {hidden: 100, init: "Normal", lr: LR, seed: SEED, trainLimit: settings.trainLimit, kernel: settings.kernel}, epochs: EPOCHS, snapshots: [EPOCHS]},
    ...storedRuns(settings)
  ],
  tables([main, ...others], dataset, settings) {
    const net = weightsAt(main, EPOCHS);
    const images = main.backQueries[EPOCHS - 1];
    const metrics = main.epochs[EPOCHS - 1];

    // Each stored run once, with the epochs the experiments ask of it (a store may hold more).
    const epochsOf = new Map(distinctRuns(storedRuns(settings), dataset.checksum).map((r) => [runKey(r.config, dataset.checksum), r.epochs]));
    const runs = new Map<string, Run>();
    for (const run of others) runs.set(run.key, run);
    const rows = [...runs.values()]
      .flatMap((run) => run.epochs.slice(0, epochsOf.get(run.key)).map((e) => ({run, ...e})))
      .sort((a, b) => a.run.config.lr - b.run.config.lr || a.run.config.seed - b.run.config.seed || a.epoch - b.epoch);

    const byRate: Record<string, Table> = {};
    for (const lr of [...new Set(rows.map((r) => r.run.config.lr))]) {
      const chosen = rows.filter((r) => r.run.config.lr === lr).flatMap((r) => Array.from({length: 10}, (_, label) => ({...r, label})));
      byRate[`backquery-${lr}`] = new Table({
        lr: vectorFromArray(chosen.map(() => lr), new Float64()),
        seed: vectorFromArray(chosen.map((r) => r.run.config.seed), new Int32()),
        epoch: vectorFromArray(chosen.map((r) => r.epoch), new Int32()),
        label: vectorFromArray(chosen.map((r) => r.label), new Int32()),
        pixels: vectorFromArray(chosen.map((r) => greyLevels(r.run.backQueries[r.epoch - 1].subarray(r.label * net.inputs, (r.label + 1) * net.inputs))), new Binary())
      });
    }

    return {
      summary: tableFromArrays({
        score: Float64Array.of(metrics.testScore),
        lr: Float64Array.of(main.config.lr),
        epochs: Int32Array.of(EPOCHS),
        hidden: Int32Array.of(main.config.hidden),
        init: [main.config.init],
        seed: Int32Array.of(main.config.seed),
        trainSamples: Int32Array.of(main.trainSamples),
        testSamples: Int32Array.of(dataset.test.count),
        trainLimit: Int32Array.of(settings.trainLimit ?? 0),
        kernel: [main.config.kernel],
        runKey: [main.key]
      }),
      backquery: new Table({
        label: vectorFromArray(Int32Array.from({length: 10}, (_, label) => label)),
        image: fixedSizeRows(images, net.inputs)
      }),
      weights: weightsTable(net),
      // The networks a reader can compare with: one row per (lr, seed, epoch).
      runs: new Table({
        lr: vectorFromArray(rows.map((r) => r.run.config.lr), new Float64()),
        seed: vectorFromArray(rows.map((r) => r.run.config.seed), new Int32()),
        epoch: vectorFromArray(rows.map((r) => r.epoch), new Int32()),
        testScore: vectorFromArray(rows.map((r) => r.testScore), new Float64()),
        kernel: vectorFromArray(rows.map((r) => r.run.config.kernel), new Utf8())
      }),
      ...byRate
    };
  }
};
