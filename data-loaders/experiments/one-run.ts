// Experiment 1: one run, lr 0.3, 1 epoch, "Normal" weights; how good is the book's network?
import {Binary, Table, tableFromArrays, vectorFromArray} from "apache-arrow";
import {engineFingerprint} from "../run-key.js";
import type {Dataset} from "../dataset.js";
import type {Experiment, RequestedRun} from "./experiment.js";
import {bestMean, headlineTable, intColumn, runSummaryColumns} from "./result-tables.js";
import {runConfig} from "./run-requests.js";

export const ONE_RUN_LR = 0.3;
export const ONE_RUN_SEED = 1;
/** Experiment 1 reads epoch 1 of its run, which Experiment 4 trains further. */
export const ONE_RUN_EPOCHS = 1;
/** How many misclassified test images the gallery shows (the first ones, in file order). */
export const MISCLASSIFIED_SAMPLE = 48;

/** confusion[actual * 10 + predicted]: the test images of each digit and what the run answered. */
function confusionMatrix(run: RequestedRun, test: Dataset["test"]): Int32Array {
  const predictions = run.testPredictions[ONE_RUN_EPOCHS - 1];
  const confusion = new Int32Array(100);
  for (let n = 0; n < test.count; n++) confusion[test.labels[n] * 10 + predictions[n]]++;
  return confusion;
}

const DIGITS = Array.from({length: 10}, (_, d) => d);

export const experiment1: Experiment = {
  id: "exp1",
  title: "Experiment 1: one run",
  page: "/experiment-1",
  description:
    "One run of the book's 784-100-10 sigmoid network on MNIST: its test score, errors, per-digit accuracy and confusion matrix, reproducible in your browser.",
  runs: (settings) => [
    {config: runConfig({hidden: 100, lr: ONE_RUN_LR}, ONE_RUN_SEED, settings), epochs: ONE_RUN_EPOCHS}
  ],
  tables: {
    summary([run], dataset, settings) {
      const metrics = run.epochs[ONE_RUN_EPOCHS - 1];
      return tableFromArrays({
        ...runSummaryColumns(run, ONE_RUN_EPOCHS, dataset, settings),
        seconds: Float64Array.of(metrics.seconds),
        samplesPerSecond: Float64Array.of(metrics.samplesPerSecond),
        datasetChecksum: [dataset.checksum],
        engineVersion: [engineFingerprint().hash.slice(0, 12)]
      });
    },
    digits([run], {test}) {
      const confusion = confusionMatrix(run, test);
      const counts = DIGITS.map((d) => DIGITS.reduce((sum, p) => sum + confusion[d * 10 + p], 0));
      return tableFromArrays({
        digit: Int32Array.from(DIGITS),
        count: Int32Array.from(counts),
        correct: Int32Array.from(DIGITS, (d) => confusion[d * 11]),
        accuracy: Float64Array.from(DIGITS, (d) => confusion[d * 11] / counts[d])
      });
    },
    confusion: ([run], {test}) =>
      tableFromArrays({
        actual: Int32Array.from({length: 100}, (_, i) => Math.floor(i / 10)),
        predicted: Int32Array.from({length: 100}, (_, i) => i % 10),
        count: confusionMatrix(run, test)
      }),
    misclassified([run], {test}) {
      const predictions = run.testPredictions[ONE_RUN_EPOCHS - 1];
      const wrong: number[] = [];
      for (let n = 0; n < test.count && wrong.length < MISCLASSIFIED_SAMPLE; n++) {
        if (predictions[n] !== test.labels[n]) wrong.push(n);
      }
      return new Table({
        index: intColumn(wrong),
        label: intColumn(wrong.map((n) => test.labels[n])),
        predicted: intColumn(wrong.map((n) => predictions[n])),
        pixels: vectorFromArray(
          wrong.map((n) => test.pixels.slice(n * test.size, (n + 1) * test.size)),
          new Binary()
        )
      });
    },
    headline: (runs) =>
      headlineTable(
        `lr ${ONE_RUN_LR}, ${ONE_RUN_EPOCHS} epoch, ${runs[0].config.hidden} hidden, ${runs[0].config.init}`,
        bestMean(runs, () => "the run")
      )
  }
};

export default experiment1;
