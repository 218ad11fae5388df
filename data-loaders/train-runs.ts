// The first step of `npm run build`: trains every run that any experiment needs and the store
// lacks, once each, on the worker pool; the page loaders then only read the store.
import {loadDataset} from "./dataset.js";
import {describeError} from "./emit-table.js";
import {experiments} from "./experiments/index.js";
import {ensureRuns} from "./run-pool.js";
import {readSettings} from "./settings.js";

try {
  const settings = readSettings();
  const dataset = loadDataset();
  process.stderr.write(
    `build: seeds 1-${settings.seeds}, kernel ${settings.kernel}, ${settings.workers} workers` +
      `${settings.trainLimit ? `, first ${settings.trainLimit} training images (TRAIN_LIMIT)` : ", all 60,000 training images"}\n`
  );
  const requests = Object.values(experiments).flatMap((experiment) => experiment.runs(settings));
  const report = await ensureRuns(dataset, requests, settings.workers);
  process.stderr.write(
    `build: ${report.distinct} distinct runs; trained ${report.trained} (${report.epochs} epochs)` +
      `${report.trained ? ` in ${report.seconds.toFixed(1)} s` : ""}, ${report.distinct - report.trained} from the store\n`
  );
} catch (error) {
  process.stderr.write(`error: ${describeError(error)}\n`);
  process.exitCode = 1;
}
