// Experiment 3: epochs. The 100-node network at lr 0.1 trained for 20 epochs, seeds 1..SEEDS;
// one row per (seed, epoch).
import type {Experiment} from "./experiment.js";
import {REPRODUCTION_EPOCHS} from "./reproduction.js";
import {epochTable, referenceTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export const EPOCHS_SWEEP_LR = 0.1;
export const EPOCHS_SWEEP_EPOCHS = 20;

export const experiment3: Experiment = {
  id: "exp3",
  title: "Experiment 3: epochs",
  runs: (settings) => seededRuns({hidden: 100, lr: EPOCHS_SWEEP_LR}, EPOCHS_SWEEP_EPOCHS, settings),
  tableNames: () => ["scores", "reproduction", "settings"],
  tables: (runs, dataset, settings) => ({
    scores: epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    reproduction: referenceTable(REPRODUCTION_EPOCHS.map((r) => ({x: r.epoch, score: r.score}))),
    settings: settingsTable(settings, runs, dataset)
  })
};
