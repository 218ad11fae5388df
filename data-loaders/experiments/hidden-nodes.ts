// Experiment 6: hidden nodes. The book's own experiment: how does the size of the hidden
// layer change the score (it reports 0.9747 for 200 nodes, lr 0.1, 5 epochs) and the cost?
import {epochTable} from "./epoch-table.js";
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
        config: {
          hidden,
          init: "Normal" as const,
          lr: LR,
          seed: i + 1,
          trainLimit: settings.trainLimit,
          kernel: settings.kernel
        },
        epochs: EPOCHS
      }))
    ),
  tableNames: () => ["scores", "settings"],
  tables(runs, _dataset, settings) {
    return {
      scores: epochTable(runs, EPOCHS, {
        hidden: {int: (run) => run.config.hidden},
        lr: {float: (run) => run.config.lr}
      }),
      settings: settingsTable(settings, runs[0].trainSamples)
    };
  }
};
