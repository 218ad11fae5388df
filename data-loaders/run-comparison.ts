// Whether a run trained again is the stored one, and if not, where they first part. Training is
// deterministic (seeded weights, file-order epochs, one kernel's rounding), so a run trained
// from scratch must give the store's entry bit for bit: every epoch's metrics, and the .bin's
// weights, test answers, back queries and snapshot weights. Two numbers are not: each epoch's
// `seconds` and `samplesPerSecond` time the machine, not the run, and differ every time.
// The first difference is the earliest in training (epoch 1's before epoch 2's), so it points
// at where the two runs began to part, not at a last epoch's weights that follow from it.
import {decodeBin} from "./run-bin.js";
import type {EpochMetrics, Run, readEntry} from "./run-entry.js";
import type {RunConfig} from "./run-key.js";

/** A sound store entry with its .bin, as readEntry returns it. */
export type SoundEntry = Exclude<ReturnType<typeof readEntry>, Error | undefined>;

/** Epoch metrics that time the machine, not the run: never compared. */
export const TIMING_FIELDS: readonly string[] = ["seconds", "samplesPerSecond"] satisfies (keyof EpochMetrics)[];

/**
 * The entry's fields that say what was trained and on what. Not compared: `key` (both are read
 * by it), `engine` (readEntry checks it is this code's), the checksums (of the .bin, compared
 * whole below, and of the JSON, which holds the timings) and `format`.
 */
const RUN_FIELDS = ["config", "datasetChecksum", "trainSamples", "testSamples", "snapshots"] as const;

/** JSON with object keys sorted: two configs built in another key order are the same settings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v
  );
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The index of the first element whose bytes differ (NaNs and -0 included), or -1. */
function firstDiffering(a: Float64Array | Float32Array | Uint8Array, b: typeof a): number {
  const x = bytesOf(a);
  const y = bytesOf(b);
  if (x.length === y.length && x.equals(y)) return -1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return Math.floor(i / a.BYTES_PER_ELEMENT);
  return n / a.BYTES_PER_ELEMENT;
}

const values = (stored: unknown, retrained: unknown) => `stored ${String(stored)}, retrained ${String(retrained)}`;

/** Where two networks' weights first differ: "wih[1234]: stored ..., retrained ...". */
function weightsDifference(stored: Run["net"], retrained: Run["net"]): string | undefined {
  for (const name of ["wih", "who"] as const) {
    const i = firstDiffering(stored[name], retrained[name]);
    if (i >= 0) return `${name}[${i}]: ${values(stored[name][i], retrained[name][i])}`;
  }
  return undefined;
}

/** The weights kept after `epoch`: the last epoch's, or a snapshot's (none for the others). */
const keptWeights = (run: Run, epoch: number) => (epoch === run.epochs.length ? run.net : run.snapshots.get(epoch));

/** Where one epoch of two decoded runs first differs, in words; undefined when it does not. */
function epochDifference(stored: Run, retrained: Run, epoch: number): string | undefined {
  const kept = keptWeights(stored, epoch);
  const again = keptWeights(retrained, epoch);
  const weights = kept && again && weightsDifference(kept, again);
  if (weights) return `weights after epoch ${epoch}, ${weights}`;
  const a = stored.epochs[epoch - 1] as unknown as Record<string, unknown>;
  const b = retrained.epochs[epoch - 1] as unknown as Record<string, unknown>;
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!TIMING_FIELDS.includes(field) && !Object.is(a[field], b[field]))
      return `epoch ${epoch} ${field}: ${values(a[field], b[field])}`;
  }
  const answers = [stored.testPredictions[epoch - 1], retrained.testPredictions[epoch - 1]] as const;
  const image = firstDiffering(...answers);
  if (image >= 0)
    return `test answers after epoch ${epoch}, image ${image}: ${values(answers[0][image], answers[1][image])}`;
  const queries = [stored.backQueries[epoch - 1], retrained.backQueries[epoch - 1]] as const;
  const j = firstDiffering(...queries);
  if (j >= 0) {
    const {inputs} = stored.net;
    return `back query after epoch ${epoch}, label ${Math.floor(j / inputs)} pixel ${j % inputs}: ${values(queries[0][j], queries[1][j])}`;
  }
  return undefined;
}

/**
 * The first difference between a stored run's entry and the same run trained again, in words
 * ("epoch 3 testScore: stored 0.9512, retrained 0.9513"; "weights after epoch 5, wih[1234]:
 * stored ..., retrained ..."), or undefined when they are the same run bit for bit but for the
 * timings. `empty` makes a blank run of a config's shape to decode a .bin into
 * (run-training.ts freshRun without initialising).
 */
export function runDifference(
  stored: SoundEntry,
  retrained: SoundEntry,
  empty: (config: RunConfig) => Run
): string | undefined {
  for (const field of RUN_FIELDS) {
    const [a, b] = [canonical(stored.entry[field]), canonical(retrained.entry[field])];
    if (a !== b) return `${field}: stored ${a}, retrained ${b}`;
  }
  const epochs = stored.entry.epochs.length;
  if (epochs !== retrained.entry.epochs.length) return `epochs: ${values(epochs, retrained.entry.epochs.length)}`;
  const [x, y] = [stored.bin!, retrained.bin!];
  if (x.length !== y.length) return `weights file: ${values(`${x.length} bytes`, `${y.length} bytes`)}`;
  const a = decodeBin(x, empty(stored.entry.config), stored.entry);
  const b = decodeBin(y, empty(retrained.entry.config), retrained.entry);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const difference = epochDifference(a, b, epoch);
    if (difference) return difference;
  }
  // Everything decoded is the same; the bytes must be too (a layout that left some unread would show here).
  return bytesOf(x).equals(bytesOf(y)) ? undefined : `weights file: byte ${firstDiffering(x, y)}`;
}
