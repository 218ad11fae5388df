// A trainer owns a network's weights in some kernel's layout and trains/scores with them.
// Every kernel computes the book's algorithm (lib/network.ts is the reference); they differ
// in layout, precision and instruction set, and are checked against the reference in tests.
import type {LabelledImages} from "./mnist.js";
import type {Network} from "./network.js";
import type {TrainingImages} from "./offset-images.js";
import {evaluate, trainEpoch as trainPass, type Evaluation, type PassOptions} from "./training.js";

export interface Trainer {
  readonly kernel: string;
  /** Optional one-time work on a data set (e.g. re-encoding it), done before timing starts. */
  prepare?(data: TrainingImages): void;
  /**
   * Per-sample SGD over `data`, in order (grey-level images or offsets, lib/offset-images.ts). Calls
   * on consecutive slices of an epoch compute exactly what one call on the whole epoch does.
   */
  train(data: TrainingImages, lr: number, options?: PassOptions): void;
  /**
   * Ends an epoch. The sparse kernels fold c into W' here (sparse-kernel.ts), so that a run resumed
   * from stored weights continues exactly as one that never stopped; the reference kernel has nothing to do.
   */
  endEpoch(): void;
  /** Queries every sample and scores the answers. */
  evaluate(data: LabelledImages): Evaluation;
  /** The current weights in the reference layout (a copy). */
  network(): Network;
}

/** The reference kernel: lib/network.ts's dense loops, Float64. */
export function denseTrainer(net: Network): Trainer {
  const own = {...net, wih: net.wih.slice(), who: net.who.slice()};
  return {
    kernel: "dense",
    train: (data, lr, options) => trainPass(own, data, lr, options),
    endEpoch: () => {},
    evaluate: (data) => evaluate(own, data),
    network: () => ({...own, wih: own.wih.slice(), who: own.who.slice()})
  };
}

/** One whole epoch: `train` on all of `data`, then `endEpoch`. */
export function trainEpoch(trainer: Trainer, data: TrainingImages, lr: number, options?: PassOptions): void {
  trainer.train(data, lr, options);
  trainer.endEpoch();
}
