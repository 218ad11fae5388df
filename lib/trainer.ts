// A trainer owns a network's weights in some kernel's layout and trains/scores with them.
// Every kernel computes the book's algorithm (lib/network.ts is the reference); they differ
// in layout, precision and instruction set, and are checked against the reference in tests.
import type {LabelledImages} from "./mnist.js";
import type {Network} from "./network.js";
import type {TrainingImages} from "./offset-images.js";
import {evaluate, trainEpoch, type Evaluation, type PassOptions} from "./training.js";

export interface Trainer {
  readonly kernel: string;
  /** Optional one-time work on a data set (e.g. re-encoding it), done before timing starts. */
  prepare?(data: TrainingImages): void;
  /** One epoch of per-sample SGD over `data`, in order (grey-level images or offsets, lib/offset-images.ts). */
  trainEpoch(data: TrainingImages, lr: number, options?: PassOptions): void;
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
    trainEpoch: (data, lr, options) => trainEpoch(own, data, lr, options),
    evaluate: (data) => evaluate(own, data),
    network: () => ({...own, wih: own.wih.slice(), who: own.who.slice()})
  };
}
