// Experiment 6: hidden nodes. The book's own experiment: how does the size of the hidden
// layer change the score (it reports 0.9747 for 200 nodes, lr 0.1, 5 epochs) and the cost?
import type {Experiment} from "./experiment.js";
import {bestMean, epochTable, headlineTable, settingsTable} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

/** The learning rate of the book's 200-node figure, for every size. */
const HIDDEN_NODES_LR = 0.1;
/** The epochs of the book's 200-node figure, for every size; the test score after the last is compared. */
const HIDDEN_NODES_EPOCHS = 5;
/** The sizes of the hidden layer tried, smallest first. */
const HIDDEN_NODES = [10, 20, 50, 100, 200, 300, 500];

/** One network per size and seed; the headline is the best mean after the last epoch. */
export const experiment6: Experiment = {
  id: "exp6",
  title: "Experiment 6: hidden nodes",
  page: "/experiment-6",
  description: "How the number of hidden nodes changes the network's test score and training time, over five seeds.",
  runs: (settings) =>
    HIDDEN_NODES.flatMap((hidden) => seededRuns({hidden, lr: HIDDEN_NODES_LR}, HIDDEN_NODES_EPOCHS, settings)),
  tables: {
    scores: (runs) =>
      epochTable(runs, {
        hidden: {int: (run) => run.config.hidden},
        lr: {float: (run) => run.config.lr}
      }),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset),
    headline: (runs) => {
      const best = bestMean(
        runs,
        (run) => `${run.config.hidden} hidden`,
        (_run, epoch) => epoch === HIDDEN_NODES_EPOCHS
      );
      return headlineTable(`best mean: ${best.key}, lr ${HIDDEN_NODES_LR}, ${HIDDEN_NODES_EPOCHS} epochs`, best);
    }
  }
};

export default experiment6;
