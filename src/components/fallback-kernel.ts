// Apart from the other browser checks (browser-support.ts), which use htl: the training worker
// imports this, and its bundle should hold nothing it does not run.
import type {KernelName} from "../lib/kernels.js";

/** The kernel trained with where the fast one cannot run: plain TypeScript loops, the sparse-input trick. */
export const FALLBACK_KERNEL: KernelName = "sparse";
