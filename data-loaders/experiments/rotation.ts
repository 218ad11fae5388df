// Experiment 7: more data by rotation. The book's part 3 notebook trains on each image three
// times in a row: as it is, rotated by +10 degrees and by -10 degrees (lib/rotation.ts), with
// 200 hidden nodes, lr 0.01, for 10 epochs. Does that help beyond the spread between seeds,
// and from which epoch? The same network without rotations, seed for seed, is the baseline.
import {Table} from "apache-arrow";
import {BOOK_ROTATIONS} from "../../lib/rotation.js";
import {compareRanges, summarize} from "../../lib/seed-stats.js";
import type {Run} from "../run-entry.js";
import type {RunConfig} from "../run-key.js";
import type {Settings} from "../settings.js";
import type {Experiment} from "./experiment.js";
import {
  bestMean,
  epochTable,
  floatColumn,
  headlineTable,
  intColumn,
  settingsTable,
  textColumn
} from "./result-tables.js";
import {runConfig, seedNumbers} from "./run-requests.js";

export const ROTATION_HIDDEN = 200;
export const ROTATION_LR = 0.01;
export const ROTATION_EPOCHS = 10;
export const WITH_ROTATIONS = `with ±${BOOK_ROTATIONS[0]}° rotations`;
export const WITHOUT_ROTATIONS = "without rotations";

export function rotationConfig(seed: number, rotated: boolean, settings: Settings): RunConfig {
  const network = {hidden: ROTATION_HIDDEN, lr: ROTATION_LR, ...(rotated ? {rotations: BOOK_ROTATIONS} : {})};
  return runConfig(network, seed, settings);
}

const variant = (run: Run) => (run.config.rotations?.length ? WITH_ROTATIONS : WITHOUT_ROTATIONS);

/** Per epoch, rotation against none: both ranges over seeds, the difference of means, and how they stand. */
function comparison(runs: Run[]): Table {
  const epochs = Array.from({length: ROTATION_EPOCHS}, (_, i) => i + 1);
  const scoresAt = (name: string, epoch: number) =>
    runs.filter((run) => variant(run) === name).map((run) => run.epochs[epoch - 1].testScore);
  const rows = epochs.map((epoch) => {
    const rotated = summarize(scoresAt(WITH_ROTATIONS, epoch));
    const plain = summarize(scoresAt(WITHOUT_ROTATIONS, epoch));
    return {epoch, rotated, plain, stands: compareRanges(rotated, plain)};
  });
  const column = (value: (row: (typeof rows)[number]) => number) => floatColumn(rows.map(value));
  return new Table({
    epoch: intColumn(epochs),
    seeds: intColumn(rows.map((r) => r.rotated.n)),
    rotatedMean: column((r) => r.rotated.mean),
    rotatedMin: column((r) => r.rotated.min),
    rotatedMax: column((r) => r.rotated.max),
    plainMean: column((r) => r.plain.mean),
    plainMin: column((r) => r.plain.min),
    plainMax: column((r) => r.plain.max),
    difference: column((r) => r.rotated.mean - r.plain.mean),
    /** "higher": every rotated seed beats every unrotated one; "lower" the reverse; else "overlapping". */
    rotation: textColumn(rows.map((r) => r.stands))
  });
}

export const experiment7: Experiment = {
  id: "exp7",
  title: "Experiment 7: more data by rotation",
  page: "/experiment-7",
  description:
    "More training data by rotating each MNIST image ±10 degrees, as the book does: test score by epoch and overfitting.",
  runs: (settings) =>
    seedNumbers(settings).flatMap((seed) =>
      [true, false].map((rotated) => ({config: rotationConfig(seed, rotated, settings), epochs: ROTATION_EPOCHS}))
    ),
  tables: {
    summary: (runs) => comparison(runs),
    scores: (runs) => epochTable(runs, {variant: {text: variant}}),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset),
    headline: (runs) => {
      const last = bestMean(
        runs,
        variant,
        (run, epoch) => variant(run) === WITH_ROTATIONS && epoch === ROTATION_EPOCHS
      );
      const copies = 1 + BOOK_ROTATIONS.length;
      return headlineTable(
        `${ROTATION_HIDDEN} hidden, lr ${ROTATION_LR}, ${ROTATION_EPOCHS} epochs, ${WITH_ROTATIONS}`,
        last,
        copies
      );
    }
  }
};

export default experiment7;
