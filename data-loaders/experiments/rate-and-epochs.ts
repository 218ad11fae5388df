// Experiment 4: learning rate x epochs. The 100-node network at each rate of the grid, trained
// for 15 epochs, seeds 1..SEEDS; one row per (rate, seed, epoch).
import type {Experiment} from "./experiment.js";
import {bestMean, epochTable, headlineTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

/** The learning rates of the grid, smallest first. */
export const GRID_RATES = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
/** Epochs each run trains for: the grid's other axis, every epoch scored. */
const GRID_EPOCHS = 15;

/** One 100-node network per rate and seed; the headline is the best (rate, epoch) cell by mean. */
export const experiment4: Experiment = {
  id: "exp4",
  title: "Experiment 4: learning rate × epochs",
  page: "/experiment-4",
  description:
    "Learning rate and epochs together: the test score of the book's MNIST network over a grid of both, with the best cell marked.",
  runs: (settings) => GRID_RATES.flatMap((lr) => seededRuns({hidden: 100, lr}, GRID_EPOCHS, settings)),
  tables: {
    scores: (runs) => epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset),
    headline: (runs) => {
      const best = bestMean(runs, (run, epoch) => `lr ${run.config.lr}, epoch ${epoch}`);
      return headlineTable(`best mean: ${best.key}`, best);
    }
  }
};

export default experiment4;
