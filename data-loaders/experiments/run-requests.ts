// The runs experiments ask for: the book's network at some size, learning rate and initial
// weights ("Normal" unless said), once per seed (1..SEEDS unless said), with the build's
// training-set limit and kernel.
import type {RunConfig, RunRequest} from "../run-key.js";
import type {Settings} from "../settings.js";

/** What an experiment varies; the rest comes from the build's settings. */
export interface Network {
  hidden: number;
  lr: number;
  /** Initial weights: "Normal" (the book's, the default) or "Rand" (uniform in -0.5..0.5). */
  init?: RunConfig["init"];
  /** Rotated copies of each image (degrees), as the book's rotation notebook trains. */
  rotations?: number[];
}

/** Seeds 1..SEEDS. */
export const seedNumbers = ({seeds}: Settings): number[] => Array.from({length: seeds}, (_, i) => i + 1);

/** The run of `network` from `seed`. */
export function runConfig(
  {hidden, lr, init = "Normal", rotations}: Network,
  seed: number,
  {trainLimit, kernel}: Settings
): RunConfig {
  return {hidden, init, lr, seed, trainLimit, kernel, ...(rotations?.length ? {rotations} : {})};
}

/**
 * `epochs` of `network`, once per seed: `seeds` when the experiment fixes them (e.g. [1, 2, 3]),
 * else 1..SEEDS. The settings table reports the seeds the runs used (settingsTable).
 */
export const seededRuns = (
  network: Network,
  epochs: number,
  settings: Settings,
  seeds: number[] = seedNumbers(settings)
): RunRequest[] => seeds.map((seed) => ({config: runConfig(network, seed, settings), epochs}));
