// Experiment 3: epochs. The 100-node network at lr 0.1 trained for 20 epochs, seeds 1..SEEDS;
// one row per (seed, epoch).
import type {Experiment} from "./experiment.js";
import {REPRODUCTION_EPOCHS} from "./reproduction.js";
import {bestMean, epochTable, headlineTable, referenceTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

/** The learning rate of every Experiment 3 run. */
export const EPOCHS_SWEEP_LR = 0.1;
/** Epochs each run trains for, its test score taken after every one. */
const EPOCHS_SWEEP_EPOCHS = 20;

/** One 100-node network per seed, scored after each epoch up to EPOCHS_SWEEP_EPOCHS. */
export const experiment3: Experiment = {
  id: "exp3",
  title: "Experiment 3: epochs",
  page: "/experiment-3",
  description: "How the book's MNIST network's test score changes with the number of training epochs, over five seeds.",
  runs: (settings) => seededRuns({hidden: 100, lr: EPOCHS_SWEEP_LR}, EPOCHS_SWEEP_EPOCHS, settings),
  tables: {
    scores: (runs) => epochTable(runs, {lr: {float: (run) => run.config.lr}}),
    reproduction: () => referenceTable(REPRODUCTION_EPOCHS.map((r) => ({x: r.epoch, score: r.score}))),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset),
    headline: (runs) => {
      const best = bestMean(runs, (_run, epoch) => String(epoch));
      return headlineTable(`lr ${EPOCHS_SWEEP_LR}, mean peaks at epoch ${best.key}`, best);
    }
  }
};

export default experiment3;
