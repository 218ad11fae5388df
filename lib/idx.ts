// IDX files (the MNIST container format): a big-endian header, then raw uint8 data.
// Parsing works on bytes so it runs in Node, workers and the browser alike.

export const IMAGES_MAGIC = 0x00000803;
export const LABELS_MAGIC = 0x00000801;

/** A problem with one input file; the message always starts with the file's name. */
export class IdxError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string
  ) {
    super(`${file}: ${problem}`);
    this.name = "IdxError";
  }
}

export interface Images {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols grey levels, 0 (background) to 255 (ink), image after image. */
  pixels: Uint8Array;
}

function header(bytes: Uint8Array, file: string, magic: number, words: number): number[] {
  const size = 4 * (1 + words);
  const truncated = () =>
    new IdxError(file, `truncated: ${bytes.length} bytes is shorter than the ${size}-byte header`);
  if (bytes.length < 4) throw truncated();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    const hex = (n: number) => "0x" + n.toString(16).padStart(8, "0");
    throw new IdxError(
      file,
      `wrong magic number ${hex(found)}, expected ${hex(magic)} (${magic === IMAGES_MAGIC ? "images" : "labels"})`
    );
  }
  if (bytes.length < size) throw truncated();
  return Array.from({length: words}, (_, i) => view.getUint32(4 * (i + 1), false));
}

function body(bytes: Uint8Array, file: string, offset: number, length: number, what: string): Uint8Array {
  const available = bytes.length - offset;
  if (available < length)
    throw new IdxError(file, `truncated: header promises ${length} bytes of ${what}, file holds ${available}`);
  return bytes.subarray(offset, offset + length);
}

/** Parses an images file; every image must be rows x cols (28 x 28 for MNIST). */
export function parseImages(bytes: Uint8Array, file: string, shape = {rows: 28, cols: 28}): Images {
  const [count, rows, cols] = header(bytes, file, IMAGES_MAGIC, 3);
  if (rows !== shape.rows || cols !== shape.cols) {
    throw new IdxError(file, `images are ${rows}x${cols}, expected ${shape.rows}x${shape.cols}`);
  }
  return {count, rows, cols, pixels: body(bytes, file, 16, count * rows * cols, "pixels")};
}

/** Parses a labels file; every label must be a digit 0-9. */
export function parseLabels(bytes: Uint8Array, file: string): Uint8Array {
  const [count] = header(bytes, file, LABELS_MAGIC, 1);
  const labels = body(bytes, file, 8, count, "labels");
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new IdxError(file, `label ${labels[bad]} at index ${bad} is above 9`);
  return labels;
}

/** Writes images in IDX form: the inverse of parseImages (tests, compact page data). */
export function encodeImages({count, rows, cols, pixels}: Images): Uint8Array {
  const bytes = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  [IMAGES_MAGIC, count, rows, cols].forEach((word, i) => {
    view.setUint32(4 * i, word, false);
  });
  bytes.set(pixels.subarray(0, count * rows * cols), 16);
  return bytes;
}

/** Writes labels in IDX form: the inverse of parseLabels. */
export function encodeLabels(labels: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, LABELS_MAGIC, false);
  view.setUint32(4, labels.length, false);
  bytes.set(labels, 8);
  return bytes;
}
