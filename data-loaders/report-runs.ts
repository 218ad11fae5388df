// The runs the report shows: every experiment's runs under the build's settings, each distinct
// run once with the experiments that read it. `npm run verify`, the verify page's list,
// `npm run train -- --shard` and the build all start from here.
import type {Dataset} from "./dataset.js";
import type {Experiment} from "./experiments/experiment.js";
import {experiments as allExperiments} from "./experiments/index.js";
import {distinctRuns} from "./run-pool.js";
import {runKey, samplesPerImage, type RunRequest} from "./run-key.js";
import type {Settings} from "./settings.js";

/** A distinct run of the report: its store key, the request covering every experiment's use of it, and those experiments' ids (report order). */
export interface ReportRun {
  key: string;
  request: RunRequest;
  experiments: string[];
}

/**
 * Each distinct run the experiments ask for under `settings`, in report order (the
 * experiments' order, then each one's own), asking for the most epochs and every snapshot any
 * experiment wants. `experiments` defaults to the experiment list (tests pass their own).
 */
export function reportRuns(
  settings: Settings,
  datasetChecksum: string,
  experiments: Record<string, Experiment> = allExperiments
): ReportRun[] {
  const byKey = new Map<string, {requests: RunRequest[]; experiments: string[]}>();
  for (const experiment of Object.values(experiments)) {
    for (const request of experiment.runs(settings)) {
      const key = runKey(request.config, datasetChecksum);
      const known = byKey.get(key) ?? {requests: [], experiments: []};
      known.requests.push(request);
      if (!known.experiments.includes(experiment.id)) known.experiments.push(experiment.id);
      byKey.set(key, known);
    }
  }
  return [...byKey].map(([key, {requests, experiments}]) => ({
    key,
    request: distinctRuns(requests, datasetChecksum)[0],
    experiments
  }));
}

/**
 * What training a run from scratch costs, in samples x hidden nodes: epochs x training samples
 * (each image and its rotated copies) x hidden nodes. The unit the shards balance and the
 * verify page orders by (costliest first).
 */
export function runCost(request: RunRequest, dataset: Pick<Dataset, "train">): number {
  const {config, epochs} = request;
  const images = Math.min(dataset.train.count, config.trainLimit ?? Number.POSITIVE_INFINITY);
  return epochs * images * samplesPerImage(config) * config.hidden;
}
