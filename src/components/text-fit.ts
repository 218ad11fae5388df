// Chart text laid out from measured widths rather than guessed ones. A browser's generic
// `sans-serif` is a different font from one system to the next (Firefox on Linux picks a wider
// one than Chromium), so widths come from a canvas set to the font the SVG text uses. Every
// fitting function takes the measure as a parameter, so tests can pass a deterministic one.

/** A text's font: size in px, weight; the family is always the generic sans-serif. */
export interface Font {
  size: number;
  weight?: "normal" | "bold";
}

/** The width in px of `text` set in `font`. */
export type Measure = (text: string, font: Font) => number;

/** Charts' body text (the SVG's `font: 12px sans-serif`). */
export const BODY: Font = {size: 12};
/** d3-axis sets its tick labels in 10 px sans-serif. */
export const TICK: Font = {size: 10};
/** Chart titles. */
export const TITLE: Font = {size: 14, weight: "bold"};

/** Where no canvas exists (Node): a generous 0.62 em per character (0.68 bold), so text rather fits. */
export const estimateWidth: Measure = (text, {size, weight}) => text.length * size * (weight === "bold" ? 0.68 : 0.62);

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** `text`'s width in px as the page's own sans-serif sets it (canvas measureText), else estimated. */
export const textWidth: Measure = (text, font) => {
  if (context === undefined)
    context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (!context) return estimateWidth(text, font);
  const css = `${font.weight ?? "normal"} ${font.size}px sans-serif`;
  const key = `${css}|${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    context.font = css;
    width = context.measureText(text).width;
    widths.set(key, width);
  }
  return width;
};

/**
 * `text` broken at spaces into lines no wider than `width` px (a longer word stands alone).
 * When a line must break, it breaks after a comma, colon or semicolon or before "(" if such a
 * break leaves the line at least 60% full, so phrases stay together.
 */
export function wrapLines(text: string, width: number, font: Font = BODY, measure: Measure = textWidth): string[] {
  const lines: string[][] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const line = lines.at(-1);
    if (line && measure([...line, word].join(" "), font) <= width) {
      line.push(word);
      continue;
    }
    if (line) {
      // The last phrase break in the full line, if it leaves that line well filled.
      for (let i = line.length - 1; i > 0; i--) {
        const phrase = /[,;:]$/.test(line[i - 1]) || line[i].startsWith("(");
        if (phrase && measure(line.slice(0, i).join(" "), font) >= 0.6 * width) {
          const rest = line.splice(i);
          if (measure([...rest, word].join(" "), font) <= width) {
            lines.push([...rest, word]);
            break;
          }
          line.push(...rest); // moving the phrase would not help: break at the word
        }
        if (phrase) break;
      }
      if (lines.at(-1) !== line) continue;
    }
    lines.push([word]);
  }
  return lines.map((line) => line.join(" "));
}

/**
 * `text` wrapped as `wrapLines` does, onto as few lines, but with the lines as even as they can
 * be (the narrowest width that needs no more lines), so a title does not end on one lone word.
 */
export function balancedLines(text: string, width: number, font: Font = BODY, measure: Measure = textWidth): string[] {
  const count = wrapLines(text, width, font, measure).length;
  if (count < 2) return [text];
  let [low, high] = [0, width];
  for (let i = 0; i < 12; i++) {
    const mid = (low + high) / 2;
    if (wrapLines(text, mid, font, measure).length <= count) high = mid;
    else low = mid;
  }
  return wrapLines(text, high, font, measure);
}

/** A box in px: left, top, right, bottom. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Whether two boxes overlap, counting `gap` px around each as theirs. */
export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** Whether `inner` lies inside `outer`. */
export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom
  );
}

/** A legend entry placed: its offset from the legend's origin and its label's lines. */
export interface LegendPlace {
  x: number;
  y: number;
  lines: string[];
}

/**
 * Legend entries (a `swatch`-wide mark then the label) flow left to right within `width` px,
 * `gap` px apart, wrapping onto rows `row` px apart; a label wider than a whole row wraps onto
 * lines `line` px apart. Returns each entry's place and the legend's height.
 */
export function legendLayout(
  labels: string[],
  width: number,
  {swatch = 22, gap = 14, row = 18, line = 15, font = BODY, measure = textWidth}: LegendOptions = {}
): {places: LegendPlace[]; height: number} {
  const places: LegendPlace[] = [];
  let [x, y, rowLines] = [0, 0, 1];
  for (const label of labels) {
    const lines = measure(label, font) <= width - swatch ? [label] : wrapLines(label, width - swatch, font, measure);
    const itemWidth = swatch + Math.max(...lines.map((l) => measure(l, font)));
    if (x > 0 && x + itemWidth > width) [x, y, rowLines] = [0, y + row + (rowLines - 1) * line, 1];
    places.push({x, y, lines});
    rowLines = Math.max(rowLines, lines.length);
    x += itemWidth + gap;
  }
  return {places, height: labels.length ? y + row + (rowLines - 1) * line : 0};
}

export interface LegendOptions {
  swatch?: number;
  gap?: number;
  row?: number;
  line?: number;
  font?: Font;
  measure?: Measure;
}

/**
 * The box of `lines` lines of text `width` px wide, `LINE` px apart, the first line's baseline
 * at `y`, anchored at `x` as SVG's text-anchor does; generous enough for any engine's line box
 * (Firefox's is taller than the glyphs).
 */
export function textBox(x: number, y: number, width: number, anchor: Anchor, size = BODY.size, lines = 1): Box {
  const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
  return {left, right: left + width, top: y - 1.05 * size, bottom: y + 0.35 * size + (lines - 1) * LINE};
}

/** Distance between the baselines of a label's lines, px. */
export const LINE = 15;

export type Anchor = "start" | "middle" | "end";

/**
 * Where to write a `width`-px label of `lines` lines for the point at (x, y), ringed `ring` px
 * wide: above it, centred, else shifted to end or start at the point or slid inside the bounds,
 * then below, then beside;
 * the first place inside `bounds` that covers none of `avoid`, else the first inside, else the
 * place above slid inside at the top and sides (a label taller or wider than `bounds` still
 * reaches past them). Returns the first line's baseline.
 */
export function placeLabel(
  point: {x: number; y: number},
  width: number,
  bounds: Box,
  {
    avoid = [],
    ring = 8,
    size = BODY.size,
    lines = 1
  }: {avoid?: Box[]; ring?: number; size?: number; lines?: number} = {}
): {x: number; y: number; anchor: Anchor; box: Box} {
  const {x, y} = point;
  const extra = (lines - 1) * LINE;
  const above = y - ring - 5 - extra;
  const below = y + ring + 4 + 1.05 * size;
  const beside = y + 0.35 * size - extra / 2;
  // Slid along to stay within the bounds' sides, for a point near one of them.
  const slid = Math.max(bounds.left, Math.min(x - width / 2, bounds.right - width));
  const candidates: [number, number, Anchor][] = [
    [x, above, "middle"],
    [x + ring, above, "end"],
    [x - ring, above, "start"],
    [slid, above, "start"],
    [x, below, "middle"],
    [x + ring, below, "end"],
    [x - ring, below, "start"],
    [slid, below, "start"],
    [x - ring - 4, beside, "end"],
    [x + ring + 4, beside, "start"]
  ];
  const placed = candidates.map(([cx, cy, anchor]) => ({
    x: cx,
    y: cy,
    anchor,
    box: textBox(cx, cy, width, anchor, size, lines)
  }));
  const within = placed.filter((p) => inside(p.box, bounds));
  const clear = within.find((p) => avoid.every((b) => !overlaps(p.box, b)));
  if (clear ?? within[0]) return clear ?? within[0];
  // Nothing fits as is (a label wider than the bounds, a point at a corner): clamp above the point.
  const top = Math.max(above, bounds.top + 1.05 * size);
  return {x: slid, y: top, anchor: "start", box: textBox(slid, top, width, "start", size, lines)};
}
