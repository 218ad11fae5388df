// Build settings from environment variables, checked: a bad value names the variable.
import {availableParallelism} from "node:os";
import {DEFAULT_KERNEL, isKernelName, KERNELS, type KernelName} from "../lib/kernels.js";
import type {Dataset} from "./dataset.js";
import {SettingsError} from "./errors.js";

export interface Settings {
  /** TRAIN_LIMIT=N: train on the first N training images only (tests, quick previews). */
  trainLimit?: number;
  /** KERNEL=name: the kernel runs are trained with (default: the fastest, wasm-f32). */
  kernel: KernelName;
  /** SEEDS=N: seeds 1..N for the experiments that measure spread (default 5). */
  seeds: number;
  /** WORKERS=N: worker threads that train missing runs (default: one per core). */
  workers: number;
}

/** Counts are stored in Int32 columns: a larger value would wrap. */
const INT32_MAX = 2 ** 31 - 1;

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(value) || value < 1)
    throw new SettingsError(`${name}=${text}: must be a positive integer`);
  if (value > INT32_MAX) throw new SettingsError(`${name}=${text}: must be at most ${INT32_MAX.toLocaleString("en")}`);
  return value;
}

function kernel(env: NodeJS.ProcessEnv): KernelName {
  const name = env.KERNEL || DEFAULT_KERNEL;
  if (!isKernelName(name))
    throw new SettingsError(`KERNEL=${name}: unknown kernel; kernels: ${Object.keys(KERNELS).join(", ")}`);
  return name;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    trainLimit: positiveInteger(env, "TRAIN_LIMIT"),
    kernel: kernel(env),
    seeds: positiveInteger(env, "SEEDS") ?? 5,
    workers: positiveInteger(env, "WORKERS") ?? availableParallelism()
  };
}

/** Settings that only make sense for a dataset: TRAIN_LIMIT cannot exceed its training set. */
export function checkSettings(settings: Settings, dataset: Dataset): void {
  const {trainLimit} = settings;
  if (trainLimit !== undefined && trainLimit > dataset.train.count) {
    throw new SettingsError(
      `TRAIN_LIMIT=${trainLimit}: the training set has only ${dataset.train.count.toLocaleString("en")} images`
    );
  }
}
