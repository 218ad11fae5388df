import {html} from "htl";
import {digitFromDrawing} from "../lib/digit-preprocessing.js";

export interface DrawingPadOptions {
  /** Side of the square canvas, in CSS pixels (and canvas pixels). */
  size?: number;
  /** Pen width in canvas pixels; about a tenth of a digit's height, like MNIST strokes. */
  pen?: number;
}

/**
 * A canvas to draw a digit on with mouse, pen or touch, and a Clear button. Its `value` is the
 * drawing as a 28x28 MNIST-style digit (lib/digit-preprocessing.ts), updated while drawing;
 * it fires "input" events, so a page can use it with Framework's view().
 */
export function drawingPad({size = 280, pen = 20}: DrawingPadOptions = {}): HTMLDivElement & {value: Uint8Array} {
  // touch-action: none keeps a finger drawing instead of scrolling the page.
  const canvas =
    html`<canvas width=${size} height=${size} aria-label="Draw a digit here" style=${`width: ${size}px; max-width: 100%; height: auto; aspect-ratio: 1; touch-action: none; cursor: crosshair; background: #fff; border: 1px solid var(--theme-foreground-faint, #bbb); border-radius: 4px;`}>` as HTMLCanvasElement;
  const clear = html`<button type="button">Clear</button>`;
  const pad =
    html`<div class="drawing-pad" style="display: inline-flex; flex-direction: column; gap: 0.5rem; align-items: flex-start;">${canvas}${clear}</div>` as HTMLDivElement & {
      value: Uint8Array;
    };

  const context = canvas.getContext("2d", {willReadFrequently: true})!;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.lineWidth = pen;
  context.strokeStyle = "#000";
  context.fillStyle = "#000";
  pad.value = new Uint8Array(28 * 28);

  let pending = false;
  const update = () => {
    pending = false;
    const {data} = context.getImageData(0, 0, size, size);
    const ink = new Float32Array(size * size);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i + 3] / 255; // the strokes' alpha is the ink
    pad.value = digitFromDrawing(ink, size, size);
    pad.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const schedule = () => {
    if (!pending) requestAnimationFrame(update); // at most once per frame while drawing
    pending = true;
  };

  const point = (event: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [((event.clientX - box.left) * size) / box.width, ((event.clientY - box.top) * size) / box.height];
  };
  let last: [number, number] | undefined;
  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    try {
      canvas.setPointerCapture(event.pointerId); // keep the stroke when the pen leaves the box
    } catch {
      // a synthetic pointer (a test, an automation tool) is not capturable; draw all the same
    }
    last = point(event);
    context.beginPath();
    context.arc(last[0], last[1], pen / 2, 0, 2 * Math.PI);
    context.fill();
    schedule();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = point(event);
    context.beginPath();
    context.moveTo(...last);
    context.lineTo(...next);
    context.stroke();
    last = next;
    schedule();
  });
  const end = () => (last = undefined);
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear.addEventListener("click", () => {
    context.clearRect(0, 0, size, size);
    schedule();
  });
  return pad;
}
