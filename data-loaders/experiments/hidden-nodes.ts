// Experiment 6: hidden nodes. The book's own experiment: how does the size of the hidden
// layer change the score (it reports 0.9747 for 200 nodes, lr 0.1, 5 epochs) and the cost?
import {tableFromArrays} from "apache-arrow";
import type {Experiment} from "./experiment.js";
import {settingsTable} from "./sweeps.js";

export const HIDDEN_NODES = [10, 20, 50, 100, 200, 300, 500];
export const LR = 0.1;
export const EPOCHS = 5;

export const experiment6: Experiment = {
  id: "exp6",
  title: "Experiment 6: hidden nodes",
  runs: (settings) =>
    HIDDEN_NODES.flatMap((hidden) =>
      Array.from({length: settings.seeds}, (_, i) => ({
        config: {hidden, init: "Normal" as const, lr: LR, seed: i + 1, trainLimit: settings.trainLimit, kernel: settings.kernel},
        epochs: EPOCHS
      }))
    ),
  tables(runs, _dataset, settings) {
    const rows = runs.flatMap((run) => run.epochs.slice(0, EPOCHS).map((e) => ({hidden: run.config.hidden, seed: run.config.seed, ...e})));
    return {
      scores: tableFromArrays({
        hidden: Int32Array.from(rows, (r) => r.hidden),
        lr: Float64Array.from(rows, () => LR),
        seed: Int32Array.from(rows, (r) => r.seed),
        epoch: Int32Array.from(rows, (r) => r.epoch),
        testScore: Float64Array.from(rows, (r) => r.testScore),
        trainAccuracy: Float64Array.from(rows, (r) => r.trainAccuracy),
        seconds: Float64Array.from(rows, (r) => r.seconds)
      }),
      settings: settingsTable(settings, runs[0].trainSamples)
    };
  }
};
