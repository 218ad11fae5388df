import * as d3 from "d3";
import {heatmap} from "./heatmap.js";

export interface ConfusionMatrixOptions<T> {
  actual: (row: T) => number;
  predicted: (row: T) => number;
  count: (row: T) => number;
  width?: number;
  title?: string;
  /** What the matrix shows, for screen readers; defaults to the share right and the commonest mistake. */
  description?: string;
}

/** The share of right answers and the most frequent mistake, in words. */
function describeConfusion<T>(data: T[], {actual, predicted, count}: ConfusionMatrixOptions<T>): string {
  const total = d3.sum(data, count);
  const right = d3.sum(
    data.filter((row) => actual(row) === predicted(row)),
    count
  );
  const mistake = d3.greatest(
    data.filter((row) => actual(row) !== predicted(row)),
    count
  );
  const worst = mistake
    ? `; the most frequent mistake: ${actual(mistake)} read as ${predicted(mistake)}, ${d3.format(",")(count(mistake))} images`
    : "";
  return `${d3.format(",")(right)} of ${d3.format(",")(total)} images on the diagonal (right)${worst}.`;
}

/**
 * A confusion matrix: true digit down, answer across, counts in the cells, the diagonal
 * outlined. Colour follows the square root of the count, so the few errors off the
 * diagonal still show next to the large right answers. Returns an SVG element.
 */
export function confusionMatrix<T>(rows: Iterable<T>, options: ConfusionMatrixOptions<T>): SVGSVGElement {
  const {actual, predicted, count, width = 560, title = "Confusion matrix"} = options;
  const data = Array.from(rows);
  return heatmap(data, {
    x: predicted,
    y: actual,
    fill: count,
    width,
    title,
    xLabel: "Predicted digit",
    yLabel: "True digit",
    scale: "sqrt",
    text: true,
    format: d3.format(","),
    legend: "images",
    highlight: (row) => actual(row) === predicted(row),
    description: options.description ?? describeConfusion(data, options),
    tooltip: (row) => `true ${actual(row)}, answered ${predicted(row)}: ${count(row)} images`
  });
}
