import type {Experiment} from "./experiment.js";
import {experiment1} from "./experiment-1.js";

/** Every experiment, by id, in report order. */
export const experiments: Record<string, Experiment> = {
  [experiment1.id]: experiment1
};
