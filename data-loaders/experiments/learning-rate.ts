// Experiment 2: learning rate. One epoch of the 100-node network at each rate, seeds 1..SEEDS;
// one row per (rate, seed), which the page summarises.
import type {Experiment} from "./experiment.js";
import {REPRODUCTION_LR} from "./reproduction.js";
import {epochTable, referenceTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export const LEARNING_RATES = [0.01, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.3, 0.5, 0.7, 1];

export const experiment2: Experiment = {
  id: "exp2",
  title: "Experiment 2: learning rate",
  runs: (settings) => LEARNING_RATES.flatMap((lr) => seededRuns({hidden: 100, lr}, 1, settings)),
  tableNames: () => ["scores", "reproduction", "settings"],
  tables: (runs, dataset, settings) => ({
    scores: epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    reproduction: referenceTable(REPRODUCTION_LR.map((r) => ({x: r.lr, score: r.score}))),
    settings: settingsTable(settings, runs, dataset)
  })
};
