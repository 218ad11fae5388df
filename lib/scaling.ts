// The book's scaling: inputs in [0.01, 1.0] so that no input is zero (a zero input
// would stop its weights from learning); targets 0.01 / 0.99 because a sigmoid never
// reaches 0 or 1.

/** x = pixel / 255 * 0.99 + 0.01 for one image starting at `offset`. */
export function scaleInput(
  pixels: Uint8Array,
  offset: number,
  size: number,
  x: Float64Array = new Float64Array(size)
): Float64Array {
  for (let i = 0; i < size; i++) x[i] = (pixels[offset + i] / 255) * 0.99 + 0.01;
  return x;
}

/** 0.01 everywhere, 0.99 at the label. */
export function targetFor(label: number, outputs = 10, t: Float64Array = new Float64Array(outputs)): Float64Array {
  t.fill(0.01);
  t[label] = 0.99;
  return t;
}
