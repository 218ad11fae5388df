// Experiment 2: learning rate. One epoch of the 100-node network at each rate, seeds 1..SEEDS;
// one row per (rate, seed), which the page summarises.
import type {Experiment} from "./experiment.js";
import {REPRODUCTION_LR} from "./reproduction.js";
import {bestMean, epochTable, headlineTable, referenceTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export const LEARNING_RATES = [0.01, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.3, 0.5, 0.7, 1];

export const experiment2: Experiment = {
  id: "exp2",
  title: "Experiment 2: learning rate",
  page: "/experiment-2",
  description:
    "Which learning rate trains the book's MNIST network best in one epoch, with five seeds per rate and 95% intervals of the mean.",
  runs: (settings) => LEARNING_RATES.flatMap((lr) => seededRuns({hidden: 100, lr}, 1, settings)),
  tables: {
    scores: (runs) => epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    reproduction: () => referenceTable(REPRODUCTION_LR.map((r) => ({x: r.lr, score: r.score}))),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset),
    headline: (runs) => {
      const best = bestMean(runs, (run) => `lr ${run.config.lr}`);
      return headlineTable(`best mean: ${best.key}, 1 epoch`, best);
    }
  }
};

export default experiment2;
