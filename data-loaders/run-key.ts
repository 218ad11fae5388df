// What names a stored run: its settings, the dataset, and the code that trains it. The key
// hashes the settings with the dataset's checksum and the training code's fingerprint: every
// module data-loaders/run-training.ts reaches (the loop, the metrics, the kernels, the
// network, the entry format), every module data-loaders/dataset.ts reaches (how the images
// are read and checked), and the npm packages they use (d3 seeds the weights), as the module
// graph finds them (module-graph.ts). Changing any of them retrains; nothing else does.
import {createHash} from "node:crypto";
import {join} from "node:path";
import type {KernelName} from "../lib/kernels.js";
import type {Init} from "../lib/network.js";
import {closure, closureHash, projectRoot, type Closure} from "./module-graph.js";

export interface RunConfig {
  hidden: number;
  init: Init;
  lr: number;
  seed: number;
  /** Train on the first N training images only (TRAIN_LIMIT); undefined means all. */
  trainLimit?: number;
  /** The kernel trained with (lib/kernels.ts); kernels round differently, so it is part of the key. */
  kernel: KernelName;
  /**
   * Also train on each image rotated by these angles (degrees), right after the image itself,
   * as the book's rotation notebook does with [10, -10] (lib/rotation.ts). Absent: no rotations.
   */
  rotations?: number[];
}

/** A run trained for `epochs` epochs, keeping its weights after each epoch in `snapshots` too. */
export interface RunRequest {
  config: RunConfig;
  epochs: number;
  snapshots?: number[];
}

/** The module that trains runs and writes them: the root of everything a run's numbers depend on. */
export const TRAINING_MODULE = join(projectRoot, "data-loaders", "run-training.ts");
/** The module that reads the images and labels every run trains on. */
export const DATASET_MODULE = join(projectRoot, "data-loaders", "dataset.ts");

let engine: {closure: Closure; hash: string} | undefined;

/** The training code's modules and packages, and their hash (computed once per process). */
export function engineFingerprint(): {closure: Closure; hash: string} {
  if (!engine) {
    const found = closure([TRAINING_MODULE, DATASET_MODULE]);
    engine = {closure: found, hash: closureHash(found)};
  }
  return engine;
}

export function runKey(config: RunConfig, datasetChecksum: string): string {
  const {hidden, init, lr, seed, trainLimit = null, kernel, rotations = []} = config;
  // Rotations enter the key only when there are some, so unrotated runs keep their keys.
  const identity = JSON.stringify({
    datasetChecksum,
    hidden,
    init,
    lr,
    seed,
    trainLimit,
    kernel,
    ...(rotations.length ? {rotations} : {}),
    engine: engineFingerprint().hash
  });
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

export function describeRun({hidden, init, lr, seed, trainLimit, kernel, rotations = []}: RunConfig): string {
  const rotated = rotations.length ? `, rotated ${rotations.map((r) => `${r > 0 ? "+" : ""}${r}°`).join(" ")}` : "";
  return `lr ${lr}, ${hidden} hidden, ${init}, seed ${seed}${trainLimit ? `, first ${trainLimit} images` : ""}${rotated} (${kernel})`;
}

/** Samples one epoch of a run trains on: each image and its rotated copies. */
export const samplesPerImage = (config: RunConfig) => 1 + (config.rotations?.length ?? 0);
