import type {LabelledImages} from "../lib/mnist.js";
import {parseLabelledImages} from "../lib/mnist.js";

// MNIST slices reach the browser as gzip-compressed IDX files (data/mnist-*.idx.gz): the
// browser inflates them and lib/ parses them, with the same checks the build uses.

/**
 * Inflates a gzip file with the browser's own DecompressionStream, or with fflate where the
 * browser has none (Safari before 16.4, Firefox before 113).
 */
export async function gunzip(buffer: ArrayBuffer): Promise<Uint8Array> {
  const bytes = new Uint8Array(buffer);
  // A server that sends .gz files with Content-Encoding: gzip has had the browser inflate it already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  // Loaded only where needed: most browsers never fetch it.
  if (typeof DecompressionStream !== "function") return (await import("fflate")).gunzipSync(bytes);
  const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Images and labels from two gzip-compressed IDX files; `name` labels errors. */
export async function labelledImages(images: ArrayBuffer, labels: ArrayBuffer, name: string): Promise<LabelledImages> {
  const [imageBytes, labelBytes] = await Promise.all([gunzip(images), gunzip(labels)]);
  return parseLabelledImages({bytes: imageBytes, file: `${name} images`}, {bytes: labelBytes, file: `${name} labels`});
}
