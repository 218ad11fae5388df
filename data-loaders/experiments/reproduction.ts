// The reproduction's single-seed figures, read off its plots (DESIGN.md), drawn beside ours.

/** Experiment 2: test score after one epoch, by learning rate. */
export const REPRODUCTION_LR = [
  {lr: 0.01, score: 0.909},
  {lr: 0.05, score: 0.94},
  {lr: 0.1, score: 0.949},
  {lr: 0.18, score: 0.957},
  {lr: 0.3, score: 0.944},
  {lr: 0.5, score: 0.916},
  {lr: 0.7, score: 0.905},
  {lr: 1, score: 0.865}
];

/** Experiment 3: test score by epoch at lr 0.1. */
export const REPRODUCTION_EPOCHS = [
  {epoch: 1, score: 0.949},
  {epoch: 2, score: 0.959},
  {epoch: 5, score: 0.967},
  {epoch: 10, score: 0.966},
  {epoch: 20, score: 0.961}
];
