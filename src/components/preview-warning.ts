// What data a page was built from, said on every page from its settings or summary table: one
// quiet line when the build trained on the official MNIST set, all of it; otherwise a warning
// (Framework's accessible `.warning` block) saying what it was instead, so numbers from a
// preview (TRAIN_LIMIT) or from other files (MNIST_DIR) are never mistaken for the report's.

/** The columns of a settings or summary table that say what the data was (result-tables.ts). */
import {html} from "htl";
export interface DataFacts {
  /** Training images each run saw: all of the dataset's, or the first TRAIN_LIMIT. */
  trainSamples: number;
  /** TRAIN_LIMIT, or 0 when the build had none. */
  trainLimit: number;
  /** The dataset's training images, before any TRAIN_LIMIT. */
  trainImages: number;
  /** The test images every score is measured on. */
  testSamples: number;
  /** Whether the dataset's files are (or hold the same images as) the official MNIST ones. */
  officialDataset: boolean;
}

/** A notice's words: text, and names of settings or commands (drawn as code). */
export type NoticePart = string | {code: string};

export interface DataNotice {
  /** The warning's label ("Preview build", "Other data"), or null for the quiet line of a build from all of MNIST. */
  label: string | null;
  parts: NoticePart[];
}

const count = (n: number) => n.toLocaleString("en");

/** The facts from a table's row, or an error naming the first column it lacks (a page passed the wrong row). */
function factsOf(row: Partial<DataFacts>): DataFacts {
  const columns = ["trainSamples", "trainLimit", "trainImages", "testSamples", "officialDataset"] as const;
  const missing = columns.find((column) => row[column] === undefined || row[column] === null);
  if (missing)
    throw new Error(
      `previewWarning: the row has no ${missing} column; pass a row of a settings or summary table (data/*-settings.arrow, data/*-summary.arrow or data/dataset.arrow)`
    );
  return row as DataFacts;
}

/**
 * What to say about the data, without a page: for a build from all of the official MNIST, a
 * quiet line of its image counts; else a warning saying what the data was (the first N training
 * images, other files in MNIST_DIR, or both) and how to build the report's own results.
 * `extra` adds a sentence to a warning (why this page's numbers differ).
 */
export function dataNotice(row: Partial<DataFacts>, extra = ""): DataNotice {
  const {trainSamples, trainLimit, trainImages, testSamples, officialDataset} = factsOf(row);
  const limited = trainLimit > 0 && trainSamples < trainImages;
  if (officialDataset && !limited)
    return {
      label: null,
      parts: [
        `Built from the official MNIST set: ${count(trainImages)} training and ${count(testSamples)} test images.`
      ]
    };
  const tail = extra ? ` ${extra}` : "";
  const rebuild = (without: NoticePart[]): NoticePart[] => [
    ": not the report's results, which ",
    {code: "npm run build"},
    " without ",
    ...without,
    ` makes.${tail}`
  ];
  const limit = {code: `TRAIN_LIMIT=${trainLimit}`};
  const folder = {code: "MNIST_DIR"};
  if (officialDataset)
    return {
      label: "Preview build",
      parts: [
        `Trained on the first ${count(trainSamples)} of MNIST's ${count(trainImages)} training images (`,
        limit,
        `), scored on its ${count(testSamples)} test images`,
        ...rebuild(["it"])
      ]
    };
  if (!limited)
    return {
      label: "Other data",
      parts: [
        `Built from ${count(trainImages)} training and ${count(testSamples)} test images in `,
        folder,
        ", not the official MNIST set",
        ...rebuild([folder])
      ]
    };
  return {
    label: "Preview build",
    parts: [
      `Trained on the first ${count(trainSamples)} of the ${count(trainImages)} training images in `,
      folder,
      " (",
      limit,
      `), scored on its ${count(testSamples)} test images, not the official MNIST set`,
      ...rebuild([{code: "TRAIN_LIMIT"}, " and ", folder])
    ]
  };
}

/** The notice's words as plain text (tests, and anything that wants it without markup). */
export const noticeText = ({parts}: DataNotice) =>
  parts.map((part) => (typeof part === "string" ? part : part.code)).join("");

/**
 * What data the page was built from, from any row of a settings or summary table (`trainSamples`,
 * `trainLimit`, `trainImages`, `testSamples`, `officialDataset`): a quiet line for all of the
 * official MNIST, else a labelled warning (dataNotice). `extra` adds a sentence to a warning.
 */
export function previewWarning(row: Partial<DataFacts>, extra = ""): HTMLElement {
  const notice = dataNotice(row, extra);
  const parts = notice.parts.map((part) => (typeof part === "string" ? part : html`<code>${part.code}</code>`));
  return notice.label
    ? html`<div class="warning" label=${notice.label}>${parts}</div>`
    : html`<p class="data-source">${parts}</p>`;
}
