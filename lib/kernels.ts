// The kernels a network can be trained with, by name. All compute the book's algorithm;
// "dense" is the plain reference, the others are checked against it (test/kernels.test.ts).
import type {Network} from "./network.js";
import {simdTrainer} from "./simd-kernel.js";
import {sparseTrainer} from "./sparse-kernel.js";
import {denseTrainer, type Trainer} from "./trainer.js";

export {trainEpoch} from "./trainer.js";

export const KERNELS = {
  /** lib/network.ts: dense loops, Float64. */
  dense: (net: Network) => denseTrainer(net),
  /** Sparse-input trick in TypeScript, Float64. */
  sparse: (net: Network) => sparseTrainer(net),
  /** Sparse-input trick in WebAssembly SIMD, f64x2. */
  "wasm-f64": (net: Network) => simdTrainer(net, "f64"),
  /** Sparse-input trick in WebAssembly SIMD, f32x4: the fastest; the default. */
  "wasm-f32": (net: Network) => simdTrainer(net, "f32")
} satisfies Record<string, (net: Network) => Trainer | Promise<Trainer>>;

export type KernelName = keyof typeof KERNELS;

export const DEFAULT_KERNEL: KernelName = "wasm-f32";

export function isKernelName(name: string): name is KernelName {
  return Object.hasOwn(KERNELS, name);
}

/** A trainer holding a copy of `net`'s weights in the kernel's layout. */
export async function createTrainer(net: Network, kernel: KernelName = DEFAULT_KERNEL): Promise<Trainer> {
  if (!isKernelName(kernel))
    throw new RangeError(`unknown kernel "${kernel}"; kernels: ${Object.keys(KERNELS).join(", ")}`);
  return KERNELS[kernel](net);
}
