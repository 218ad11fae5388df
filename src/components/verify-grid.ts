// The verify page's cells: one per run, grouped under the experiments that read it (a run two
// experiments share is one run, shown in both groups). A cell's state is its colour and its
// symbol (not colour alone), its words are read by screen readers and shown on hover.
import {html} from "htl";
import type {RunCheck, VerifyList, VerifyRun, VerifyState} from "./verify-runs.js";

/** Each state's symbol and words. */
export const STATES: Record<VerifyState, {symbol: string; words: string}> = {
  waiting: {symbol: "", words: "waiting"},
  training: {symbol: "", words: "training"},
  identical: {symbol: "✓", words: "identical"},
  different: {symbol: "✗", words: "different"},
  failed: {symbol: "!", words: "could not be retrained"}
};

const CELL_STYLE = `
.verify-group h3 { margin: 1rem 0 0.35rem; font-size: 15px; }
.verify-cells { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; padding: 0; margin: 0; max-width: none; }
.verify-cell { display: inline-block; width: 22px; height: 22px; box-sizing: border-box; margin: 0; border: 1px solid var(--theme-foreground-muted);
  border-radius: 3px; font: 14px/20px var(--sans-serif); text-align: center; color: #fff; }
.verify-cell[data-state="identical"] { background: #1a7f37; border-color: #1a7f37; }
.verify-cell[data-state="different"] { background: #c62828; border-color: #c62828; }
.verify-cell[data-state="failed"] { background: var(--theme-foreground-muted); }
.verify-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.verify-legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; font-size: 13px; margin: 0.5rem 0; padding: 0; list-style: none; max-width: none; }
.verify-legend li { display: inline-flex; align-items: center; gap: 0.3rem; margin: 0; }
`;

/** A cell's words: "lr 0.1, 100 hidden, Normal, seed 1 (wasm-f32): identical", with the share trained or the difference. */
export function cellWords(run: VerifyRun, check: RunCheck | undefined): string {
  const state = check?.state ?? "waiting";
  const more =
    state === "training"
      ? `, ${Math.floor((check?.fraction ?? 0) * 100)}% trained`
      : check?.detail
        ? `: ${check.detail}`
        : "";
  return `${run.description}, ${run.epochs} epoch${run.epochs === 1 ? "" : "s"}: ${STATES[state].words}${more}`;
}

/** Sets `cell` to show `check`. */
function paint(cell: HTMLLIElement, run: VerifyRun, check: RunCheck | undefined): void {
  const state = check?.state ?? "waiting";
  const words = cellWords(run, check);
  cell.dataset.state = state;
  cell.title = words;
  // A run in training fills from the left as it trains.
  const share = Math.round((check?.fraction ?? 0) * 100);
  cell.style.background =
    state === "training"
      ? `linear-gradient(to right, var(--theme-foreground-focus) ${share}%, transparent ${share}%)`
      : "";
  (cell.firstChild as HTMLElement).textContent = STATES[state].symbol;
  (cell.lastChild as HTMLElement).textContent = words;
}

/** The legend: each state's cell (a picture: its words follow) and words. */
function legend(): HTMLElement {
  const item = (state: VerifyState) => {
    const cell = html`<span class="verify-cell" data-state=${state} aria-hidden="true">${STATES[state].symbol}</span>`;
    if (state === "training")
      cell.style.background = "linear-gradient(to right, var(--theme-foreground-focus) 50%, transparent 50%)";
    return html`<li>${cell} ${STATES[state].words}</li>`;
  };
  return html`<ul class="verify-legend" aria-label="What a cell shows">${(Object.keys(STATES) as VerifyState[]).map(item)}</ul>`;
}

/**
 * Cells for `runs`, one group per experiment of `list` that reads any of them (in report
 * order; only experiment `only` when given), and `update(run)` to repaint a run's cells from `checks`.
 */
export function verifyGrid(
  list: VerifyList,
  runs: VerifyRun[],
  checks: ReadonlyMap<string, RunCheck>,
  only?: string
): {element: HTMLElement; update: (run: VerifyRun) => void} {
  const cells = new Map<string, HTMLLIElement[]>();
  const shown = list.experiments.filter(({id}) => only === undefined || id === only);
  const groups = shown.flatMap(({id, title}) => {
    const own = runs.filter((run) => run.experiments.includes(id));
    if (!own.length) return [];
    const items = own.map((run) => {
      const cell =
        html`<li class="verify-cell"><span aria-hidden="true"></span><span class="verify-hidden"></span></li>` as HTMLLIElement;
      paint(cell, run, checks.get(run.key));
      cells.set(run.key, [...(cells.get(run.key) ?? []), cell]);
      return cell;
    });
    return [
      html`<section class="verify-group"><h3>${title} <span class="muted">(${own.length} run${own.length === 1 ? "" : "s"})</span></h3><ul class="verify-cells">${items}</ul></section>`
    ];
  });
  const element = html`<div class="verify-grid"><style>${CELL_STYLE}</style>${legend()}${groups}</div>`;
  return {
    element,
    update: (run) => {
      for (const cell of cells.get(run.key) ?? []) paint(cell, run, checks.get(run.key));
    }
  };
}
