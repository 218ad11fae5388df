// Experiments 2, 3 and 4: the reproduction's sweeps, each configuration trained with seeds
// 1..SEEDS. Tables hold one row per (configuration, seed, epoch); pages summarise them.
import {Float64, Int32, Table, Utf8, vectorFromArray} from "apache-arrow";
import type {Run} from "../run-entry.js";
import type {RunConfig} from "../run-key.js";
import type {Settings} from "../settings.js";
import {epochTable} from "./epoch-table.js";
import type {Experiment} from "./experiment.js";
import {REPRODUCTION_EPOCHS, REPRODUCTION_LR} from "./reproduction.js";

export const LEARNING_RATES = [0.01, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.3, 0.5, 0.7, 1];
export const EPOCHS_LR = 0.1;
export const EPOCHS = 20;
export const GRID_RATES = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
export const GRID_EPOCHS = 15;

const seeds = ({seeds}: Settings) => Array.from({length: seeds}, (_, i) => i + 1);
const config = (lr: number, seed: number, {trainLimit, kernel}: Settings): RunConfig => ({
  hidden: 100,
  init: "Normal",
  lr,
  seed,
  trainLimit,
  kernel
});

const epochRows = (runs: Run[], epochs: number) => epochTable(runs, epochs, {lr: {float: (run) => run.config.lr}});

export function settingsTable(settings: Settings, trainSamples: number): Table {
  return new Table({
    seeds: vectorFromArray([settings.seeds], new Int32()),
    trainSamples: vectorFromArray([trainSamples], new Int32()),
    trainLimit: vectorFromArray([settings.trainLimit ?? 0], new Int32()),
    kernel: vectorFromArray([settings.kernel], new Utf8())
  });
}

const reference = (rows: {x: number; score: number}[]) =>
  new Table({
    x: vectorFromArray(
      rows.map((r) => r.x),
      new Float64()
    ),
    score: vectorFromArray(
      rows.map((r) => r.score),
      new Float64()
    )
  });

export const experiment2: Experiment = {
  id: "exp2",
  title: "Experiment 2: learning rate",
  runs: (settings) =>
    LEARNING_RATES.flatMap((lr) => seeds(settings).map((seed) => ({config: config(lr, seed, settings), epochs: 1}))),
  tableNames: () => ["scores", "reproduction", "settings"],
  tables: (runs, _dataset, settings) => ({
    scores: epochRows(runs, 1),
    reproduction: reference(REPRODUCTION_LR.map((r) => ({x: r.lr, score: r.score}))),
    settings: settingsTable(settings, runs[0].trainSamples)
  })
};

export const experiment3: Experiment = {
  id: "exp3",
  title: "Experiment 3: epochs",
  runs: (settings) => seeds(settings).map((seed) => ({config: config(EPOCHS_LR, seed, settings), epochs: EPOCHS})),
  tableNames: () => ["scores", "reproduction", "settings"],
  tables: (runs, _dataset, settings) => ({
    scores: epochRows(runs, EPOCHS),
    reproduction: reference(REPRODUCTION_EPOCHS.map((r) => ({x: r.epoch, score: r.score}))),
    settings: settingsTable(settings, runs[0].trainSamples)
  })
};

export const experiment4: Experiment = {
  id: "exp4",
  title: "Experiment 4: learning rate x epochs",
  runs: (settings) =>
    GRID_RATES.flatMap((lr) =>
      seeds(settings).map((seed) => ({config: config(lr, seed, settings), epochs: GRID_EPOCHS}))
    ),
  tableNames: () => ["scores", "settings"],
  tables: (runs, _dataset, settings) => ({
    scores: epochRows(runs, GRID_EPOCHS),
    settings: settingsTable(settings, runs[0].trainSamples)
  })
};
