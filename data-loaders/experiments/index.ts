import type {Experiment} from "./experiment.js";
import {experiment5} from "./back-query.js";
import {bookFigures} from "./book-figures.js";
import {experiment1} from "./experiment-1.js";
import {experiment6} from "./hidden-nodes.js";
import {experiment7} from "./rotation.js";
import {experiment2, experiment3, experiment4} from "./sweeps.js";

/** Every experiment, by id, in report order. */
export const experiments: Record<string, Experiment> = {
  [experiment1.id]: experiment1,
  [experiment2.id]: experiment2,
  [experiment3.id]: experiment3,
  [experiment4.id]: experiment4,
  [experiment5.id]: experiment5,
  [experiment6.id]: experiment6,
  [experiment7.id]: experiment7,
  [bookFigures.id]: bookFigures
};
