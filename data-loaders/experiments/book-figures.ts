// The book's own numbers. The test scores its repository's notebooks print (saved outputs at
// different commits, one seed each) move between versions; here each is set against our seeds'
// mean and range for the same configuration. Every configuration is a run like any other, so
// it is shared with the experiment that already trains it (Experiments 1/4, 3, 6 and 7).
import {Table} from "apache-arrow";
import {BOOK_ROTATIONS} from "../../lib/rotation.js";
import {rangeVerdict, summarize} from "../../lib/seed-stats.js";
import type {Experiment, RequestedRun} from "./experiment.js";
import {floatColumn, intColumn, settingsTable, textColumn} from "./result-tables.js";
import {seededRuns} from "./run-requests.js";

export interface BookConfiguration {
  notebook: string;
  hidden: number;
  lr: number;
  epochs: number;
  rotated: boolean;
  /** The scores the notebook printed, one per saved version. */
  scores: number[];
}

/** As printed by the book's notebooks (part2 and part3 of makeyourownneuralnetwork). */
export const BOOK_CONFIGURATIONS: BookConfiguration[] = [
  {notebook: "MNIST notebook", hidden: 100, lr: 0.3, epochs: 1, rotated: false, scores: [0.9473]},
  {notebook: "MNIST notebook", hidden: 100, lr: 0.1, epochs: 5, rotated: false, scores: [0.9661]},
  {notebook: "MNIST notebook", hidden: 200, lr: 0.1, epochs: 5, rotated: false, scores: [0.9742, 0.9712, 0.9747]},
  {notebook: "back-query notebook", hidden: 200, lr: 0.1, epochs: 5, rotated: false, scores: [0.9734, 0.9733, 0.9711]},
  {notebook: "rotations notebook", hidden: 200, lr: 0.01, epochs: 10, rotated: true, scores: [0.9781, 0.9754, 0.975]}
];

/** The author's blog reports this too; it gives no learning rate, so there is no run to match it with. */
export const BLOG_FIGURE = {source: "the author's blog", hidden: 300, epochs: 30, rotated: true, score: 0.9803};

export const describeConfiguration = ({hidden, lr, epochs, rotated}: Omit<BookConfiguration, "notebook" | "scores">) =>
  `${hidden} hidden, lr ${lr}, ${epochs} epoch${epochs === 1 ? "" : "s"}${rotated ? `, with ±${BOOK_ROTATIONS[0]}° rotations` : ""}`;

/** The runs of `configuration`, each once (two notebooks print the same configuration). */
function runsOf(configuration: BookConfiguration, runs: RequestedRun[]): RequestedRun[] {
  const own = runs.filter(
    ({config, request}) =>
      config.hidden === configuration.hidden &&
      config.lr === configuration.lr &&
      request.epochs === configuration.epochs &&
      Boolean(config.rotations?.length) === configuration.rotated
  );
  return [...new Map(own.map((run) => [run.key, run])).values()];
}

export const bookFigures: Experiment = {
  id: "book",
  title: "The book's own numbers",
  page: "/book",
  description:
    "The test scores Make Your Own Neural Network reports, next to the range this report's retrained networks reach over five seeds.",
  runs: (settings) =>
    BOOK_CONFIGURATIONS.flatMap(({hidden, lr, epochs, rotated}) =>
      seededRuns({hidden, lr, ...(rotated ? {rotations: BOOK_ROTATIONS} : {})}, epochs, settings)
    ),
  tables: {
    summary(runs) {
      const figures = BOOK_CONFIGURATIONS.flatMap((configuration) => {
        const ours = summarize(
          runsOf(configuration, runs).map((run) => run.epochs[configuration.epochs - 1].testScore)
        );
        return configuration.scores.map((score) => ({configuration, ours, score}));
      });
      return new Table({
        configuration: textColumn(figures.map((f) => describeConfiguration(f.configuration))),
        notebook: textColumn(figures.map((f) => f.configuration.notebook)),
        bookScore: floatColumn(figures.map((f) => f.score)),
        seeds: intColumn(figures.map((f) => f.ours.n)),
        ourMean: floatColumn(figures.map((f) => f.ours.mean)),
        ourMin: floatColumn(figures.map((f) => f.ours.min)),
        ourMax: floatColumn(figures.map((f) => f.ours.max)),
        verdict: textColumn(figures.map((f) => rangeVerdict(f.score, f.ours))),
        /** How many of our seeds' standard deviations the book's figure lies from our mean. */
        deviations: floatColumn(figures.map((f) => (f.score - f.ours.mean) / f.ours.sd))
      });
    },
    scores(runs) {
      const rows = BOOK_CONFIGURATIONS.flatMap((configuration) =>
        runsOf(configuration, runs).map((run) => ({configuration, run}))
      );
      return new Table({
        configuration: textColumn(rows.map((r) => describeConfiguration(r.configuration))),
        notebook: textColumn(rows.map((r) => r.configuration.notebook)),
        seed: intColumn(rows.map((r) => r.run.config.seed)),
        testScore: floatColumn(rows.map((r) => r.run.epochs[r.configuration.epochs - 1].testScore))
      });
    },
    blog: () =>
      new Table({
        source: textColumn([BLOG_FIGURE.source]),
        configuration: textColumn([`${BLOG_FIGURE.hidden} hidden, ${BLOG_FIGURE.epochs} epochs, with rotations`]),
        score: floatColumn([BLOG_FIGURE.score])
      }),
    settings: (runs, dataset, settings) => settingsTable(settings, runs, dataset)
  }
};

export default bookFigures;
