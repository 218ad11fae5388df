// npm run bench -- --rotation: Experiment 7's epoch (200 hidden, lr 0.01) with and without the
// rotated copies, the one-time cost of making them, and how sparse they stay.
import {UsageError} from "./errors.js";
import {median} from "d3";
import {cpus} from "node:os";
import {createTrainer, isKernelName, trainEpoch} from "../lib/kernels.js";
import type {} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {BOOK_ROTATIONS, rotate, rotationPlan, withRotations} from "../lib/rotation.js";
import {scaleInput} from "../lib/scaling.js";
import {sparseImages} from "../lib/offset-images.js";
import {loadDataset} from "./dataset.js";

/** Experiment 7's epoch with and without rotated copies, and what the copies cost to make and hold. */
export async function benchRotation(runs: number, kernel: string, json: boolean): Promise<void> {
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs ${runs}: must be a positive integer`);
  if (!isKernelName(kernel)) throw new UsageError(`--kernel: unknown kernel "${kernel}"`);
  const {train, test} = loadDataset();
  const log = (line: string) => process.stderr.write(line + "\n");
  log("bench: making the rotated copies of 60,000 training images...");
  const making = performance.now();
  const rotated = withRotations(train);
  const makeSeconds = (performance.now() - making) / 1000;
  sparseImages(train);
  const copies = 1 + BOOK_ROTATIONS.length;
  let copyEntries = 0;
  for (let n = 0; n < rotated.count; n++) if (n % copies) copyEntries += rotated.start[n + 1] - rotated.start[n];
  // Rotating x itself (fill 0.01) and subtracting 0.01 leaves rounding noise in the background.
  const plans = BOOK_ROTATIONS.map((angle) => rotationPlan(28, angle));
  let noisy = 0;
  const sample = 1000;
  for (let n = 0; n < sample; n++) {
    const x = scaleInput(train.pixels, n * train.size, train.size);
    for (const plan of plans) for (const v of rotate(plan, x, 0.01)) if (v - 0.01 !== 0) noisy++;
  }
  const epochs: Record<string, number> = {};
  for (const [name, data] of [
    ["without rotations", train],
    ["with rotations", rotated]
  ] as const) {
    const times: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const trainer = await createTrainer(createNetwork({seed: 1, hidden: 200}), kernel);
      if (run === 1) trainer.evaluate(test);
      const start = performance.now();
      trainEpoch(trainer, data, 0.01);
      times.push((performance.now() - start) / 1000);
      log(
        `bench: ${name}, run ${run}/${runs}: ${times.at(-1)!.toFixed(3)} s for ${data.count.toLocaleString("en")} samples`
      );
    }
    epochs[name] = median(times)!;
  }
  const result = {
    kernel,
    runs,
    makeSeconds,
    megabytes: (rotated.index.byteLength + rotated.value.byteLength + rotated.start.byteLength) / 1e6,
    nonzeroPerImage: sparseImages(train).value.length / train.count,
    nonzeroPerRotatedCopy: copyEntries / (rotated.count - train.count),
    nonzeroPerCopyIfXRotated: noisy / (sample * plans.length),
    secondsPerEpoch: epochs
  };
  if (json) return void console.log(JSON.stringify(result, null, 2));
  console.log(
    `Experiment 7's epoch: 200 hidden, lr 0.01, ${kernel}, median of ${runs}; ${cpus()[0]?.model ?? "unknown CPU"}`
  );
  console.log(`| training set | samples | s / epoch | samples / s |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const [name, data] of [
    ["without rotations", train],
    ["with rotations", rotated]
  ] as const) {
    console.log(
      `| ${name} | ${data.count.toLocaleString("en")} | ${epochs[name].toFixed(3)} | ${Math.round(data.count / epochs[name]).toLocaleString("en")} |`
    );
  }
  console.log(
    `Rotated copies: made in ${makeSeconds.toFixed(2)} s once per process, ${result.megabytes.toFixed(0)} MB in memory, never stored.`
  );
  console.log(
    `Nonzero inputs per image: ${result.nonzeroPerImage.toFixed(1)} original, ${result.nonzeroPerRotatedCopy.toFixed(1)} per rotated copy ` +
      `(rotating s with fill 0); rotating x with fill 0.01 and subtracting 0.01 would leave ${result.nonzeroPerCopyIfXRotated.toFixed(1)} of 784.`
  );
}
