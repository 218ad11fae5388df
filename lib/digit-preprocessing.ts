// A drawing becomes a 28x28 MNIST-style digit the way NIST's digits were prepared for MNIST
// (LeCun et al.): the ink's bounding box is scaled, aspect ratio kept, to fit a 20x20 box,
// averaging the area each new pixel covers (which gives the grey levels at the edges); then the
// 20x20 image is placed in the 28x28 field so that its centre of mass lies at the field's
// centre. Coordinates are continuous: pixel (x, y) covers [x, x + 1) x [y, y + 1), so the
// field's centre is (14, 14) and the shift is rounded to whole pixels.

export const SIDE = 28;
export const BOX = 20;

/**
 * `ink` is how much of each pixel of a width x height drawing is covered, 0..1, row after
 * row (a canvas's alpha / 255). Returns 784 grey levels, 0 (background) to 255 (ink), the
 * same as the MNIST files hold. An empty drawing gives all zeros.
 */
export function digitFromDrawing(ink: ArrayLike<number>, width: number, height: number): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`drawing size must be whole positive pixels, got ${width} x ${height}`);
  }
  if (ink.length !== width * height)
    throw new RangeError(`ink holds ${ink.length} values, expected ${width} x ${height} = ${width * height}`);

  // The ink's bounding box.
  let left = width,
    right = -1,
    top = height,
    bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  const digit = new Uint8Array(SIDE * SIDE);
  if (right < 0) return digit;
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;

  // Fit the longer side to BOX pixels, keeping the aspect ratio.
  const scale = BOX / Math.max(boxWidth, boxHeight);
  const outWidth = Math.max(1, Math.round(boxWidth * scale));
  const outHeight = Math.max(1, Math.round(boxHeight * scale));
  const small = areaAverage(ink, width, {left, top, width: boxWidth, height: boxHeight}, outWidth, outHeight);

  // Centre of mass of the small image, then the whole-pixel shift that brings it to (14, 14).
  let mass = 0,
    mx = 0,
    my = 0;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const v = small[y * outWidth + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const dx = Math.round(SIDE / 2 - mx / mass);
  const dy = Math.round(SIDE / 2 - my / mass);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const tx = x + dx;
      const ty = y + dy;
      if (tx < 0 || ty < 0 || tx >= SIDE || ty >= SIDE) continue; // a lopsided stroke can push ink out
      digit[ty * SIDE + tx] = Math.round(255 * small[y * outWidth + x]);
    }
  }
  return digit;
}

/**
 * The `box` of a `width`-wide image of values 0..1, scaled to outWidth x outHeight pixels by
 * averaging the area each new pixel covers (clamped to 0..1), row after row.
 */
export function areaAverage(
  ink: ArrayLike<number>,
  width: number,
  box: {left: number; top: number; width: number; height: number},
  outWidth: number,
  outHeight: number
): Float64Array {
  const columns = overlaps(box.width, outWidth);
  const rows = overlaps(box.height, outHeight);
  // Separable: first along rows, then along columns.
  const narrowed = new Float64Array(box.height * outWidth);
  for (let y = 0; y < box.height; y++) {
    const source = (box.top + y) * width + box.left;
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (const [from, weight] of columns[x]) sum += weight * ink[source + from];
      narrowed[y * outWidth + x] = sum;
    }
  }
  const small = new Float64Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (const [from, weight] of rows[y]) sum += weight * narrowed[from * outWidth + x];
      small[y * outWidth + x] = Math.min(1, Math.max(0, sum));
    }
  }
  return small;
}

/**
 * For each of `to` output pixels spanning the same length as `from` input pixels: the input
 * pixels it covers and what fraction of the output pixel each fills (the weights sum to 1).
 */
function overlaps(from: number, to: number): [number, number][][] {
  const step = from / to; // input pixels per output pixel
  return Array.from({length: to}, (_, i) => {
    const start = i * step;
    const end = start + step;
    const covered: [number, number][] = [];
    for (let j = Math.floor(start); j < Math.min(from, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 1e-12) covered.push([j, overlap / step]);
    }
    return covered;
  });
}
