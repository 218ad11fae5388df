// A stored run's key hashes the training code: every module training and the dataset reader
// reach, and the packages they use. Code that only draws or reports is not in it.
import {describe, expect, it} from "vitest";
import {engineFingerprint} from "../data-loaders/run-key.js";

describe("the training code's fingerprint", () => {
  it("covers the training loop, the metrics, the kernels, the network, the dataset reader and the package that seeds the weights", () => {
    const {closure: engine} = engineFingerprint();
    for (const file of [
      "data-loaders/run-training.ts",
      "data-loaders/run-entry.ts",
      "data-loaders/run-key.ts",
      "data-loaders/dataset.ts",
      "lib/idx.ts",
      "lib/mnist-csv.ts",
      "lib/kernels.ts",
      "lib/network.ts",
      "lib/random.ts",
      "lib/simd-kernel.ts",
      "lib/rotation.ts",
      "lib/mnist.ts"
    ]) {
      expect(Object.keys(engine.files)).toContain(file);
    }
    expect(Object.keys(engine.packages).some((p) => p.startsWith("d3-random@"))).toBe(true);
    // Code that only draws, reports or finds dependencies is not in it: changing it retrains nothing.
    for (const file of [
      "data-loaders/run-pool.ts",
      "data-loaders/module-graph.ts",
      "lib/digit-preprocessing.ts",
      "data-loaders/experiments/back-query.ts"
    ]) {
      expect(Object.keys(engine.files)).not.toContain(file);
    }
  });
});
