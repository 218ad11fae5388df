// npm run bench [-- --runs N] [--kernels a,b] [--seeds N] [--json]
// Trains one epoch (60,000 images, lr 0.3, seed 1) with each kernel on the real data and
// scores the 10,000 test images; prints seconds per epoch (median of --runs), samples per
// second, GFLOP/s, test score and speed relative to the dense reference measured in the same
// run. --seeds N also trains seeds 1..N with each fast kernel to compare their scores
// (Float32 against Float64). --suite N times the training of the whole report for seeds
// 1..N: every run the experiments need, trained by the build's run pool into an empty store.
// --rotation times Experiment 7's epoch (200 hidden, lr 0.01) with and without the rotated
// copies, the one-time cost of making them, and how sparse they stay.
// --build times the build itself (bench-build.ts).
// --pages measures the built site in Chromium: first chart and bytes per page, and the try
// panel's seconds per epoch on the full training set (bench-pages.ts).
// --lighthouse scores the index, Experiment 2 and the model page with Lighthouse
// (bench-lighthouse.ts).
// --verify times the verify page's whole run in Chromium against the build's cold training of
// the same runs (bench-verify.ts).
// A benchmark, not a test: it asserts nothing about time.
import {median} from "d3";
import {availableParallelism, cpus} from "node:os";
import {createTrainer, DEFAULT_KERNEL, isKernelName, KERNELS, type KernelName, trainEpoch} from "../lib/kernels.js";
import type {LabelledImages} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {sparseImages} from "../lib/offset-images.js";
import {loadDataset} from "./dataset.js";
import {benchBuild} from "./bench-build.js";
import {benchLighthouse} from "./bench-lighthouse.js";
import {benchPages} from "./bench-pages.js";
import {benchRotation} from "./bench-rotation.js";
import {benchSuite} from "./bench-suite.js";
import {benchVerify} from "./bench-verify.js";
import {describeError, parseCommandLine, UsageError} from "./errors.js";

const USAGE = `usage: npm run bench -- [--runs N] [--kernels ${Object.keys(KERNELS).join(",")}] [--seeds N] [--json]
       npm run bench -- --suite SEEDS [--workers N] [--kernel NAME] [--without exp7,book]
       npm run bench -- --rotation [--runs N] [--kernel NAME]
       npm run bench -- --build [--runs N] [--json]
       npm run bench -- --pages [--runs N] [--json]
       npm run bench -- --lighthouse [--runs N] [--json]
       npm run bench -- --verify [--json]`;

/** Floating-point operations of one epoch: multiply-adds of both layers forward and back. */
function epochFlops(kernel: KernelName, data: LabelledImages, hidden = 100, outputs = 10): number {
  const perSampleOutput = 2 * outputs * hidden * 3; // output layer, hidden errors, who update
  if (kernel === "dense") return data.count * (2 * hidden * data.size * 2 + perSampleOutput);
  let nonzero = 0;
  for (const p of data.pixels) if (p !== 0) nonzero++;
  return 2 * hidden * nonzero * 2 + data.count * perSampleOutput; // W' s forward, W' update
}

interface Row {
  kernel: string;
  runs: number;
  secondsPerEpoch: number;
  samplesPerSecond: number;
  gflops: number;
  scoreSeconds: number;
  testScore: number;
  speedup: number;
}

async function main(): Promise<void> {
  const {values} = parseCommandLine({
    options: {
      runs: {type: "string", default: "5"},
      kernels: {type: "string", default: Object.keys(KERNELS).join(",")},
      seeds: {type: "string", default: "0"},
      json: {type: "boolean", default: false},
      suite: {type: "string"},
      without: {type: "string", default: ""},
      rotation: {type: "boolean", default: false},
      build: {type: "boolean", default: false},
      pages: {type: "boolean", default: false},
      lighthouse: {type: "boolean", default: false},
      verify: {type: "boolean", default: false},
      workers: {type: "string", default: String(availableParallelism())},
      kernel: {type: "string", default: DEFAULT_KERNEL},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);
  if (values.suite !== undefined)
    return benchSuite(values.suite, values.workers, values.kernel, values.json, values.without);
  const runs = Number(values.runs);
  if (values.build) {
    // Three builds per figure by default: each is a full `npm run build`.
    const builds = process.argv.some((arg) => arg.startsWith("--runs")) ? runs : 3;
    if (!Number.isInteger(builds) || builds < 1)
      throw new UsageError(`--runs ${values.runs}: must be a positive integer`);
    return benchBuild(builds, values.json);
  }
  if (values.verify) return benchVerify({json: values.json});
  if (values.rotation) return benchRotation(runs, values.kernel, values.json);
  if (values.lighthouse) {
    const loads = process.argv.some((arg) => arg.startsWith("--runs")) ? runs : 3;
    if (!Number.isInteger(loads) || loads < 1)
      throw new UsageError(`--runs ${values.runs}: must be a positive integer`);
    return void (await benchLighthouse({runs: loads, json: values.json}));
  }
  if (values.pages) {
    const loads = process.argv.some((arg) => arg.startsWith("--runs")) ? runs : 3;
    if (!Number.isInteger(loads) || loads < 1)
      throw new UsageError(`--runs ${values.runs}: must be a positive integer`);
    return benchPages({runs: loads, json: values.json});
  }
  const seeds = Number(values.seeds);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs ${values.runs}: must be a positive integer`);
  if (!Number.isInteger(seeds) || seeds < 0) throw new UsageError(`--seeds ${values.seeds}: must be a whole number`);
  const kernels = values.kernels.split(",");
  for (const kernel of kernels)
    if (!isKernelName(kernel))
      throw new UsageError(`--kernels: unknown kernel "${kernel}"; kernels: ${Object.keys(KERNELS).join(", ")}`);

  const {train, test} = loadDataset();
  const log = (line: string) => process.stderr.write(line + "\n");
  // The wasm kernels read images as lists of nonzero pixels, built once per process and set.
  const preparing = performance.now();
  sparseImages(train);
  sparseImages(test);
  const prepareSeconds = (performance.now() - preparing) / 1000;
  const rows: Row[] = [];
  for (const kernel of kernels as KernelName[]) {
    // The dense reference takes ~40 s an epoch here: one run of it is the yardstick.
    const times: number[] = [];
    const scoreTimes: number[] = [];
    let testScore = NaN;
    const n = kernel === "dense" ? 1 : runs;
    for (let run = 1; run <= n; run++) {
      const trainer = await createTrainer(createNetwork({seed: 1}), kernel);
      if (run === 1) trainer.evaluate(test); // warm-up: compile, build the sparse form of the test set
      log(`bench: ${kernel}, run ${run}/${n}: training one epoch...`);
      const start = performance.now();
      trainEpoch(trainer, train, 0.3);
      times.push((performance.now() - start) / 1000);
      const scoring = performance.now();
      testScore = trainer.evaluate(test).score;
      scoreTimes.push((performance.now() - scoring) / 1000);
      log(`bench: ${kernel}, run ${run}/${n}: ${times.at(-1)!.toFixed(3)} s, score ${testScore}`);
    }
    const secondsPerEpoch = median(times)!;
    rows.push({
      kernel,
      runs: n,
      secondsPerEpoch,
      samplesPerSecond: train.count / secondsPerEpoch,
      gflops: epochFlops(kernel, train) / secondsPerEpoch / 1e9,
      scoreSeconds: median(scoreTimes)!,
      testScore,
      speedup: NaN
    });
  }
  const dense = rows.find((row) => row.kernel === "dense");
  for (const row of rows) row.speedup = dense ? dense.secondsPerEpoch / row.secondsPerEpoch : NaN;

  const seedScores: Record<string, number[]> = {};
  for (const kernel of (kernels as KernelName[]).filter((k) => k !== "dense" && seeds > 0)) {
    seedScores[kernel] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const trainer = await createTrainer(createNetwork({seed}), kernel);
      trainEpoch(trainer, train, 0.3);
      seedScores[kernel].push(trainer.evaluate(test).score);
      log(`bench: ${kernel}, seed ${seed}/${seeds}: score ${seedScores[kernel].at(-1)}`);
    }
  }

  const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`;
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          machine,
          defaultKernel: DEFAULT_KERNEL,
          epoch: {samples: train.count, lr: 0.3, seed: 1},
          prepareSeconds,
          rows,
          seedScores
        },
        null,
        2
      )
    );
    return;
  }
  console.log(
    `One epoch of ${train.count.toLocaleString("en")} samples, lr 0.3, seed 1; ${machine}; default kernel ${DEFAULT_KERNEL}`
  );
  console.log(
    `(wasm kernels: building the sparse form of both sets, once per process, took ${prepareSeconds.toFixed(2)} s, not counted)`
  );
  console.log(
    "| kernel | runs | s / epoch (median) | samples / s | GFLOP/s | score pass (s) | test score | vs dense |"
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(
      `| ${r.kernel} | ${r.runs} | ${r.secondsPerEpoch.toFixed(3)} | ${Math.round(r.samplesPerSecond).toLocaleString("en")} | ` +
        `${r.gflops.toFixed(2)} | ${r.scoreSeconds.toFixed(3)} | ${r.testScore.toFixed(4)} | ${Number.isNaN(r.speedup) ? "-" : r.speedup.toFixed(1) + "x"} |`
    );
  }
  if (seeds > 0) {
    console.log(`\nTest score after one epoch, seeds 1-${seeds}:`);
    for (const [kernel, scores] of Object.entries(seedScores)) {
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, scores.length - 1));
      console.log(`  ${kernel}: mean ${mean.toFixed(4)}, sd ${sd.toFixed(4)}, [${scores.join(", ")}]`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`error: ${describeError(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
