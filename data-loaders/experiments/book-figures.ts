// The book's own numbers. The test scores its repository's notebooks print (saved outputs at
// different commits, one seed each) move between versions; here each is set against our seeds'
// mean and range for the same configuration. Every configuration is a run like any other, so
// it is shared with the experiment that already trains it (Experiments 1/4, 3, 6 and 7).
import {Table} from "apache-arrow";
import {BOOK_ROTATIONS} from "../../lib/rotation.js";
import {rangeVerdict, summarize} from "../../lib/seed-stats.js";
import type {Experiment} from "./experiment.js";
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

export const bookFigures: Experiment = {
  id: "book",
  title: "The book's own numbers",
  runs: (settings) =>
    BOOK_CONFIGURATIONS.flatMap(({hidden, lr, epochs, rotated}) =>
      seededRuns({hidden, lr, ...(rotated ? {rotations: BOOK_ROTATIONS} : {})}, epochs, settings)
    ),
  tableNames: () => ["summary", "scores", "blog", "settings"],
  tables(runs, dataset, settings) {
    // runs come in the order `runs` listed them: configuration after configuration, seeds 1..N.
    const perConfiguration = BOOK_CONFIGURATIONS.map((configuration, c) => {
      const own = runs.slice(c * settings.seeds, (c + 1) * settings.seeds);
      return {
        configuration,
        own,
        ours: summarize(own.map((run) => run.epochs[run.request.epochs - 1].testScore))
      };
    });
    const figures = perConfiguration.flatMap(({configuration, ours}) =>
      configuration.scores.map((score) => ({configuration, ours, score}))
    );
    const [text, float, int] = [textColumn, floatColumn, intColumn];
    return {
      summary: new Table({
        configuration: text(figures.map((f) => describeConfiguration(f.configuration))),
        notebook: text(figures.map((f) => f.configuration.notebook)),
        bookScore: float(figures.map((f) => f.score)),
        seeds: int(figures.map((f) => f.ours.n)),
        ourMean: float(figures.map((f) => f.ours.mean)),
        ourMin: float(figures.map((f) => f.ours.min)),
        ourMax: float(figures.map((f) => f.ours.max)),
        verdict: text(figures.map((f) => rangeVerdict(f.score, f.ours))),
        /** How many of our seeds' standard deviations the book's figure lies from our mean. */
        deviations: float(figures.map((f) => (f.score - f.ours.mean) / f.ours.sd))
      }),
      scores: new Table({
        configuration: text(
          perConfiguration.flatMap(({configuration, own}) => own.map(() => describeConfiguration(configuration)))
        ),
        notebook: text(perConfiguration.flatMap(({configuration, own}) => own.map(() => configuration.notebook))),
        seed: int(perConfiguration.flatMap(({own}) => own.map((run) => run.config.seed))),
        testScore: float(
          perConfiguration.flatMap(({configuration, own}) =>
            own.map((run) => run.epochs[configuration.epochs - 1].testScore)
          )
        )
      }),
      blog: new Table({
        source: text([BLOG_FIGURE.source]),
        configuration: text([`${BLOG_FIGURE.hidden} hidden, ${BLOG_FIGURE.epochs} epochs, with rotations`]),
        score: float([BLOG_FIGURE.score])
      }),
      settings: settingsTable(settings, runs, dataset)
    };
  }
};
