import * as d3 from "d3";
import {heatmap} from "./heatmap.js";

export interface ConfusionMatrixOptions<T> {
  actual: (row: T) => number;
  predicted: (row: T) => number;
  count: (row: T) => number;
  width?: number;
  title?: string;
}

/**
 * A confusion matrix: true digit down, answer across, counts in the cells, the diagonal
 * outlined. Colour follows the square root of the count, so the few errors off the
 * diagonal still show next to the large right answers. Returns an SVG element.
 */
export function confusionMatrix<T>(rows: Iterable<T>, options: ConfusionMatrixOptions<T>): SVGSVGElement {
  const {actual, predicted, count, width = 560, title = "Confusion matrix"} = options;
  return heatmap(rows, {
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
    tooltip: (row) => `true ${actual(row)}, answered ${predicted(row)}: ${count(row)} images`
  });
}
