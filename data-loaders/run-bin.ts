// A stored run's .bin (run-entry.ts): the weights at the last epoch, the test-set answers (one
// byte per image and epoch) and the ten back-queried images after each epoch (Float32), then the
// weights at any snapshot epochs. Weights are Float64, copied as bytes.
import type {Network} from "../lib/network.js";
import type {EpochMetrics, Run} from "./run-entry.js";

/** Byte layout of an entry's .bin: where each part starts. */
function binLayout(net: Network, epochs: number, testSamples: number, snapshots: number) {
  const weights = 8 * (net.wih.length + net.who.length);
  const predictions = weights;
  const backQueries = predictions + epochs * testSamples;
  const backQueryBytes = 4 * net.outputs * net.inputs;
  const snapshotStart = backQueries + epochs * backQueryBytes;
  return {
    weights,
    predictions,
    backQueries,
    backQueryBytes,
    snapshots: snapshotStart,
    bytes: snapshotStart + snapshots * weights
  };
}

function writeWeights(bin: Uint8Array, offset: number, {wih, who}: Network): void {
  // Copied as bytes: a snapshot follows the test answers (one byte per test image and epoch),
  // so its offset need not be a multiple of 8 and a Float64Array view on it would throw.
  const weights = new Float64Array(wih.length + who.length);
  weights.set(wih);
  weights.set(who, wih.length);
  bin.set(new Uint8Array(weights.buffer), offset);
}

function readWeights(bin: Uint8Array, offset: number, net: Network): Network {
  const {wih, who} = net;
  const weights = new Float64Array(bin.buffer.slice(offset, offset + 8 * (wih.length + who.length)));
  return {...net, wih: weights.slice(0, wih.length), who: weights.slice(wih.length)};
}

/** A run's .bin (see binLayout), and the snapshot epochs in the order it holds them. */
export function encodeBin(run: Run, testSamples: number): {bin: Uint8Array; snapshots: number[]} {
  const snapshots = [...run.snapshots.keys()].sort((a, b) => a - b);
  const layout = binLayout(run.net, run.epochs.length, testSamples, snapshots.length);
  const bin = new Uint8Array(layout.bytes);
  writeWeights(bin, 0, run.net);
  run.testPredictions.forEach((p, i) => {
    bin.set(p, layout.predictions + i * testSamples);
  });
  run.backQueries.forEach((b, i) => {
    bin.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), layout.backQueries + i * layout.backQueryBytes);
  });
  snapshots.forEach((epoch, i) => {
    writeWeights(bin, layout.snapshots + i * layout.weights, run.snapshots.get(epoch)!);
  });
  return {bin, snapshots};
}

/**
 * Fills `run` (fresh, of the entry's shape) from a checked .bin and what its entry says: the
 * epochs' metrics, the test images per epoch, the snapshot epochs. Throws when the .bin's size
 * is not that layout's.
 */
export function decodeBin(
  bin: Uint8Array,
  run: Run,
  entry: {epochs: EpochMetrics[]; testSamples: number; snapshots: number[]}
): Run {
  const epochs = entry.epochs.length;
  const layout = binLayout(run.net, epochs, entry.testSamples, entry.snapshots.length);
  if (layout.bytes !== bin.length) throw new Error("weights file has the wrong size");
  run.net = readWeights(bin, 0, run.net);
  run.epochs = entry.epochs;
  for (let i = 0; i < epochs; i++) {
    run.testPredictions.push(
      bin.slice(layout.predictions + i * entry.testSamples, layout.predictions + (i + 1) * entry.testSamples)
    );
    const start = layout.backQueries + i * layout.backQueryBytes;
    run.backQueries.push(new Float32Array(bin.buffer.slice(start, start + layout.backQueryBytes)));
  }
  entry.snapshots.forEach((epoch, i) => {
    run.snapshots.set(epoch, readWeights(bin, layout.snapshots + i * layout.weights, run.net));
  });
  return run;
}
