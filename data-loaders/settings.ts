// Build settings from environment variables, checked: a bad value names the variable.

export class SettingsError extends Error {
  name = "SettingsError";
}

/** A bad command-line argument or file parameter. */
export class UsageError extends Error {
  name = "UsageError";
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new SettingsError(`${name}=${text}: must be a positive integer`);
  return value;
}

import {availableParallelism} from "node:os";
import {DEFAULT_KERNEL, isKernelName, KERNELS, type KernelName} from "../lib/kernels.js";

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

function kernel(env: NodeJS.ProcessEnv): KernelName {
  const name = env.KERNEL || DEFAULT_KERNEL;
  if (!isKernelName(name)) throw new SettingsError(`KERNEL=${name}: unknown kernel; kernels: ${Object.keys(KERNELS).join(", ")}`);
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
