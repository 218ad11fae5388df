// Experiment 4: learning rate x epochs. The 100-node network at each rate of the grid, trained
// for 15 epochs, seeds 1..SEEDS; one row per (rate, seed, epoch).
import type {Experiment} from "./experiment.js";
import {epochTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export const GRID_RATES = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
export const GRID_EPOCHS = 15;

export const experiment4: Experiment = {
  id: "exp4",
  title: "Experiment 4: learning rate x epochs",
  runs: (settings) => GRID_RATES.flatMap((lr) => seededRuns({hidden: 100, lr}, GRID_EPOCHS, settings)),
  tableNames: () => ["scores", "settings"],
  tables: (runs, dataset, settings) => ({
    scores: epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    settings: settingsTable(settings, runs, dataset)
  })
};
