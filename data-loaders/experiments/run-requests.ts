// The runs experiments ask for: the book's network ("Normal" initial weights) at some size and
// learning rate, once per seed, with the build's training-set limit and kernel.
import type {RunConfig, RunRequest} from "../run-key.js";
import type {Settings} from "../settings.js";

/** What an experiment varies; the rest comes from the build's settings. */
export interface Network {
  hidden: number;
  lr: number;
  /** Rotated copies of each image (degrees), as the book's rotation notebook trains. */
  rotations?: number[];
}

/** Seeds 1..SEEDS. */
export const seedNumbers = ({seeds}: Settings): number[] => Array.from({length: seeds}, (_, i) => i + 1);

/** The run of `network` from `seed`. */
export function runConfig({hidden, lr, rotations}: Network, seed: number, {trainLimit, kernel}: Settings): RunConfig {
  return {hidden, init: "Normal", lr, seed, trainLimit, kernel, ...(rotations?.length ? {rotations} : {})};
}

/** `epochs` of `network`, once per seed. */
export const seededRuns = (network: Network, epochs: number, settings: Settings): RunRequest[] =>
  seedNumbers(settings).map((seed) => ({config: runConfig(network, seed, settings), epochs}));
