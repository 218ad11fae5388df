// A worker thread of `npm run bench -- --suite`: trains the runs it is sent, in order, and
// reports each one's seconds. Started by a tsx process, it inherits tsx's loader.
import {parentPort} from "node:worker_threads";
import {createTrainer} from "../lib/kernels.js";
import {firstSamples} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {loadDataset} from "./dataset.js";
import type {SuiteRun} from "./suite.js";

const dataset = loadDataset();
const trainSubset = firstSamples(dataset.train, 10000);
parentPort!.on("message", async (run: SuiteRun | null) => {
  if (run === null) return void parentPort!.close();
  const start = performance.now();
  const trainer = await createTrainer(createNetwork({seed: run.seed}), run.kernel);
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    trainer.trainEpoch(dataset.train, run.lr);
    trainer.evaluate(dataset.test);
    trainer.evaluate(trainSubset);
  }
  parentPort!.postMessage({seconds: (performance.now() - start) / 1000});
});
