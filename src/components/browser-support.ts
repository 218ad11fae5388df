// What the pages use beyond what every browser that runs them has (Chrome and Edge 93, Firefox
// 92, Safari 15.4: see the head script in observablehq.config.ts), detected once, with what a
// reader without it gets instead. Charts of the build's results and the drawing pad need none
// of these. Training (Train, Reproduce, the playground) needs Web Workers and the MNIST slices
// inflated; WebAssembly SIMD only makes it faster. The model page needs the slices too.
//   WebAssembly SIMD (the fast kernel): missing in Safari before 16.4, and WebAssembly as a
//     whole in iOS Lockdown Mode -> train with the plain TypeScript kernel ("sparse"), slower,
//     and say that Reproduce then compares another kernel with the build's.
//   Web Workers (training off the page's thread) -> training is not offered; the reason is said.
//     A worker that fails to start is reported in words by the panel (its error event).
//   DecompressionStream (inflating the gzip-compressed MNIST slices): missing in Safari before
//     16.4 and Firefox before 113 -> fflate inflates them (mnist-files.ts).
//   The clipboard (Copy link): missing off HTTPS -> the link is shown to copy by hand (url-state.ts).
import {html} from "htl";
import {simd} from "wasm-feature-detect";
import type {KernelName} from "../lib/kernels.js";

import {FALLBACK_KERNEL} from "./fallback-kernel.js";

export {FALLBACK_KERNEL};

let simdSupport: Promise<boolean> | undefined;

/** Whether this browser runs WebAssembly with SIMD (false where WebAssembly is missing or turned off). */
export function wasmSimdSupported(): Promise<boolean> {
  simdSupport ??= (async () => {
    try {
      return typeof WebAssembly === "object" && (await simd());
    } catch {
      return false;
    }
  })();
  return simdSupport;
}

/**
 * The sentence a training panel shows when it trains with FALLBACK_KERNEL instead of `wanted`;
 * `reproduces` (a panel that retrains the build's runs) adds what that means for Reproduce.
 */
export function fallbackNote(wanted: KernelName, reproduces: boolean): string {
  const why =
    `This browser cannot run WebAssembly SIMD, so training here uses the plain TypeScript kernel ` +
    `(${FALLBACK_KERNEL}) instead of ${wanted}, several times slower.`;
  return reproduces
    ? `${why} The build trained with ${wanted}; kernels round differently, so Reproduce compares two kernels and the scores may differ in the last digits.`
    : `${why} Kernels round differently, so its scores may differ from ${wanted}'s in the last digits.`;
}

/**
 * The kernel to ask the training worker for: `wanted`, or FALLBACK_KERNEL when it needs
 * WebAssembly SIMD and this browser has none; with the sentence to show when it falls back
 * (fallbackNote).
 */
export async function trainingKernel(
  wanted: KernelName,
  reproduces: boolean
): Promise<{kernel: KernelName; note?: string}> {
  if (!wanted.startsWith("wasm") || (await wasmSimdSupported())) return {kernel: wanted};
  return {kernel: FALLBACK_KERNEL, note: fallbackNote(wanted, reproduces)};
}

/** What the panel says when its worker fails to start or load (an old engine, a blocked or missing file). */
export const WORKER_FAILED =
  "The training worker could not start in this browser, so nothing can be trained here; the charts of the build's results work as they are.";

/** Why training cannot be offered in this browser, in plain words, or undefined when it can. */
export function trainingUnavailable(): string | undefined {
  if (typeof Worker !== "function")
    return "This browser cannot run Web Workers, which training in the page needs; the charts of the build's results work as they are.";
  return undefined;
}

/** A training panel's line for what this browser changes (another kernel, no training): hidden until told. */
export function supportLine(margin: string): {line: HTMLParagraphElement; tell: (text: string) => void} {
  const line =
    html`<p class="browser-support" hidden style=${`font-size: 13px; margin: ${margin};`}></p>` as HTMLParagraphElement;
  return {
    line,
    tell: (text) => {
      line.textContent = text;
      line.hidden = false;
    }
  };
}
