import {html} from "htl";

export interface DigitGridOptions<T> {
  /** The 28x28 grey levels of an item, 0 (background) to 255 (ink), row after row. */
  pixels: (item: T) => ArrayLike<number>;
  /** Text under an image. */
  caption?: (item: T) => string;
  /** Tooltip of an image. */
  tooltip?: (item: T) => string;
  /** Page width available; the grid wraps to it. */
  width?: number;
  /** Screen pixels per image pixel. */
  scale?: number;
  side?: number;
}

/** A side x side canvas of grey levels (0 background .. 255 ink), ink dark on white. */
export function digitCanvas(values: ArrayLike<number>, side = 28): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext("2d")!;
  const image = context.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const grey = 255 - values[i];
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = grey;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/**
 * Draws each item's pixels as a crisp grey image (ink dark on light, like paper) in a
 * wrapping grid with captions. Returns a <div> of <figure>s holding <canvas> elements.
 */
export function digitGrid<T>(items: Iterable<T>, options: DigitGridOptions<T>): HTMLDivElement {
  const {pixels, caption, tooltip, scale = 3, side = 28} = options;
  const figures = Array.from(items, (item) => {
    const canvas = digitCanvas(pixels(item), side);
    canvas.style.cssText = `width: ${side * scale}px; height: ${side * scale}px; image-rendering: pixelated; border: 1px solid var(--theme-foreground-faintest, #ddd);`;
    if (tooltip) canvas.title = tooltip(item);
    return html`<figure style="margin: 0; text-align: center; font: 12px sans-serif;">${canvas}${caption ? html`<figcaption>${caption(item)}</figcaption>` : null}</figure>`;
  });
  const grid =
    html`<div class="digit-grid" style="display: flex; flex-wrap: wrap; gap: 8px;">${figures}</div>` as HTMLDivElement;
  if (options.width) grid.style.maxWidth = `${options.width}px`;
  return grid;
}
