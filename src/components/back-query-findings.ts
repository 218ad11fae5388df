// What Experiment 5's page says about its tables, computed: how each back query resembles the
// digits' distinctive shapes (exp5-similarity) and how far seeds agree (exp5-agreement).
import * as d3 from "d3";
import {html} from "htl";

export interface SimilarityRow {
  /** The back-queried label. */
  label: number;
  /** The digit whose distinctive shape it is compared with. */
  digit: number;
  correlation: number;
}

export interface AgreementRow {
  region: string;
  pixels: number;
  label: number;
  seeds: number;
  correlation: number;
}

/** Correlation of each label's back query with its own digit's shape, and the shape it is most like. */
export function similarityOf(similarity: SimilarityRow[]) {
  const own = (label: number) => similarity.find((d) => d.label === label && d.digit === label)!.correlation;
  const closest = (label: number) =>
    d3.greatest(
      similarity.filter((d) => d.label === label),
      (d) => d.correlation
    )!;
  return {own, closest};
}

/** The agreement table by region, in the loader's order: all, never inked, under 1%, 1% or more. */
export function agreementOf(agreement: AgreementRow[]) {
  const [all, never, seldom, often] = [...new Set(agreement.map((d) => d.region))];
  const rows = (region: string) => agreement.filter((d) => d.region === region);
  const mean = (region: string) => d3.mean(rows(region), (d) => d.correlation) ?? NaN;
  const pixels = (region: string) => rows(region)[0].pixels;
  return {regions: {all, never, seldom, often}, rows, mean, pixels, seeds: d3.max(agreement, (d) => d.seeds) ?? 0};
}

/** Under the seeds' grid: how well two seeds' back queries of a label agree, by region. */
export function seedAgreementNote(agreement: AgreementRow[]): Node {
  const {regions, rows, mean, pixels, seeds} = agreementOf(agreement);
  if (seeds < 2) return document.createTextNode("Only one seed was trained (SEEDS=1): nothing to compare.");
  const extent = d3.extent(rows(regions.all), (d) => d.correlation) as [number, number];
  const never = Number.isNaN(mean(regions.never)) ? "nothing to measure" : mean(regions.never).toFixed(2);
  const after =
    `over all pixels (by label ${extent[0].toFixed(2)} to ${extent[1].toFixed(2)}), ` +
    `${mean(regions.often).toFixed(2)} on the ${pixels(regions.often)} pixels that 1% or more of the training images ink, ` +
    `${mean(regions.seldom).toFixed(2)} on the ${pixels(regions.seldom)} that fewer ink, ` +
    `and ${never} on the ${pixels(regions.never)} pixels no training image inks.`;
  return html`<span>Mean correlation between two seeds' back queries of the same label (pixel by pixel): <strong>${mean(regions.all).toFixed(2)}</strong> ${after}</span>`;
}

/** "What the data says": the network's score, how its back queries match the shapes, and whether seeds agree. */
export function backQueryFindings(score: number, similarity: SimilarityRow[], agreement: AgreementRow[]): Node {
  const {own, closest} = similarityOf(similarity);
  const labels = d3.range(10);
  const matches = labels.filter((label) => closest(label).digit === label);
  const misses = labels.filter((label) => closest(label).digit !== label);
  const [low, high] = d3.extent(labels, own) as [number, number];
  const others = d3.mean(
    similarity.filter((d) => d.label !== d.digit),
    (d) => d.correlation
  )!;
  const missed = misses
    .map(
      (label) =>
        `${label} looks most like ${closest(label).digit} (${closest(label).correlation.toFixed(2)} against ${own(label).toFixed(2)})`
    )
    .join(", ");
  const {regions, mean, pixels, seeds} = agreementOf(agreement);
  const grain =
    seeds > 1 && pixels(regions.never) > 1
      ? ` The grain is learned, not left over from the random start: back queries of the same label from ${seeds} seeds ` +
        `correlate ${mean(regions.all).toFixed(2)} on average, pixel by pixel. Only the ${pixels(regions.never)} pixels ` +
        `that no training image inks (the corners and edges) keep their random starting weights; there the seeds agree ` +
        `no better than chance (${mean(regions.never).toFixed(2)}).`
      : "";
  const before = `This network labels ${(score * 100).toFixed(2)}% of the test images correctly, and what it imagines is not noise, though it is not a clean digit either. Measured against the ten distinctive shapes, the back query of `;
  const after =
    `labels is most like its own digit's shape (correlation ${low.toFixed(2)} ` +
    `to ${high.toFixed(2)} with its own shape, against a mean of ${others.toFixed(2)} with the other digits' shapes)` +
    `${misses.length ? `; ${missed}` : ""}. The network does not store pictures of digits: it stores which pixels ` +
    `tell one digit from the others, so each image shows the digit's strokes dark on a ground of the light strokes ` +
    `of the digits it must not be.${grain}`;
  return html`<span>${before}<strong>${matches.length} of 10</strong> ${after}</span>`;
}
