// Experiment 6: hidden nodes. The book's own experiment: how does the size of the hidden
// layer change the score (it reports 0.9747 for 200 nodes, lr 0.1, 5 epochs) and the cost?
import type {Experiment} from "./experiment.js";
import {epochTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export const HIDDEN_NODES = [10, 20, 50, 100, 200, 300, 500];
export const HIDDEN_NODES_LR = 0.1;
export const HIDDEN_NODES_EPOCHS = 5;

export const experiment6: Experiment = {
  id: "exp6",
  title: "Experiment 6: hidden nodes",
  runs: (settings) =>
    HIDDEN_NODES.flatMap((hidden) => seededRuns({hidden, lr: HIDDEN_NODES_LR}, HIDDEN_NODES_EPOCHS, settings)),
  tableNames: () => ["scores", "settings"],
  tables(runs, dataset, settings) {
    return {
      scores: epochTable(runs, {
        hidden: {int: (run) => run.config.hidden},
        lr: {float: (run) => run.config.lr}
      }),
      settings: settingsTable(settings, runs, dataset)
    };
  }
};
