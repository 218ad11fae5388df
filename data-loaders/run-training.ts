// Training a run, or finishing one the store holds: the loop, the metrics kept after each
// epoch, and the initial weights. Everything this module reaches is in every run's key
// (run-key.ts), so a change here retrains.
import {createTrainer, trainEpoch} from "../lib/kernels.js";
import {firstSamples} from "../lib/mnist.js";
import {backQuery, createNetwork, type Network} from "../lib/network.js";
import {withRotations} from "../lib/rotation.js";
import type {Dataset} from "./dataset.js";
import {coverage, readRun, storeDir, writeRun, type Run} from "./run-entry.js";
import {runKey, type RunConfig, type RunRequest} from "./run-key.js";

/** Training accuracy is measured on this many images from the start of the training set. */
export const TRAIN_SUBSET = 10000;

/** How far a run has got: epoch `epoch` of `epochs`, `done` of `total` samples into it. */
export interface TrainingProgress {
  epoch: number;
  epochs: number;
  done: number;
  total: number;
}

/**
 * The run asked for, trained for at least `request.epochs` epochs with weights kept after
 * each snapshot epoch: read from the store, resumed from stored weights when it has fewer
 * epochs (training is in file order, so resuming equals training from scratch), or trained.
 * A stored run that lacks a snapshot it has already passed is retrained from scratch.
 * A damaged entry is reported and retrained.
 */
export async function getRun(
  dataset: Dataset,
  request: RunRequest,
  store = storeDir(),
  report: (progress: TrainingProgress) => void = () => {}
): Promise<Run> {
  const {config, epochs} = request;
  const snapshots = [...new Set(request.snapshots ?? [])].sort((a, b) => a - b);
  for (const epoch of snapshots) {
    if (!Number.isInteger(epoch) || epoch < 1 || epoch > epochs)
      throw new RangeError(`snapshot epoch ${epoch} is not one of epochs 1..${epochs}`);
  }
  const key = runKey(config, dataset.checksum);
  let run = readRun(store, key, (stored) => freshRun(key, stored, dataset, false), {
    config,
    datasetChecksum: dataset.checksum
  });
  const state = coverage(run && {epochs: run.epochs.length, snapshots: run.snapshots.keys()}, {...request, snapshots});
  if (state === "covers") return run!;
  if (state === "retrain") run = freshRun(key, config, dataset);
  run = run!;
  if (snapshots.includes(run.epochs.length)) run.snapshots.set(run.epochs.length, run.net); // about to train past it
  const images = firstSamples(dataset.train, config.trainLimit);
  const train = config.rotations?.length ? withRotations(images, config.rotations) : images; // rotated copies: made here, never stored
  const trainer = await createTrainer(run.net, config.kernel);
  trainer.prepare?.(train); // not part of an epoch's time
  for (let epoch = run.epochs.length + 1; epoch <= epochs; epoch++) {
    const start = performance.now();
    trainEpoch(trainer, train, config.lr, {
      onProgress: ({done, total}) => report({epoch, epochs, done, total})
    });
    const seconds = (performance.now() - start) / 1000;
    const {predictions, score} = trainer.evaluate(dataset.test);
    const trainAccuracy = trainer.evaluate(firstSamples(dataset.train, TRAIN_SUBSET)).score;
    run.epochs.push({epoch, testScore: score, trainAccuracy, seconds, samplesPerSecond: train.count / seconds});
    run.testPredictions.push(predictions);
    const net = trainer.network();
    run.backQueries.push(backQueries(net));
    if (snapshots.includes(epoch)) run.snapshots.set(epoch, net);
  }
  run.net = trainer.network();
  run.snapshots.delete(run.epochs.length); // the last epoch's weights are `net`
  writeRun(store, run, dataset.test.count);
  return run;
}

/** The run's weights after `epoch`: its last epoch, or a snapshot it was asked to keep. */
export function weightsAt(run: Run, epoch: number): Network {
  if (epoch === run.epochs.length) return run.net;
  const net = run.snapshots.get(epoch);
  if (!net) throw new RangeError(`run ${run.key} kept no weights after epoch ${epoch} (request it as a snapshot)`);
  return net;
}

/** The ten back-queried images (labels 0..9) of a network, one after another. */
export function backQueries(net: Network): Float32Array {
  const images = new Float32Array(net.outputs * net.inputs);
  for (let label = 0; label < net.outputs; label++) images.set(backQuery(net, label), label * net.inputs);
  return images;
}

/** A run with no epochs yet: initial weights drawn from the seed, or zeros to be overwritten from a file. */
export function freshRun(key: string, config: RunConfig, dataset: Dataset, initialise = true): Run {
  const {hidden, init, seed} = config;
  const inputs = dataset.train.size;
  const net = initialise
    ? createNetwork({inputs, hidden, outputs: 10, init, seed})
    : {inputs, hidden, outputs: 10, wih: new Float64Array(hidden * inputs), who: new Float64Array(10 * hidden)};
  const trainSamples = firstSamples(dataset.train, config.trainLimit).count;
  return {
    key,
    config,
    datasetChecksum: dataset.checksum,
    trainSamples,
    epochs: [],
    net,
    testPredictions: [],
    backQueries: [],
    snapshots: new Map()
  };
}
