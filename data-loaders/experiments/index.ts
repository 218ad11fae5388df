import type {Experiment} from "./experiment.js";
import {experiment5} from "./back-query.js";
import {bookFigures} from "./book-figures.js";
import {experiment3} from "./epochs.js";
import {experiment6} from "./hidden-nodes.js";
import {experiment2} from "./learning-rate.js";
import {experiment1} from "./one-run.js";
import {experiment4} from "./rate-and-epochs.js";
import {experiment7} from "./rotation.js";

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
