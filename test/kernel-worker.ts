// Runs in a worker thread (test/kernels.test.ts): trains with a kernel, posts the weights back.
import {parentPort, workerData} from "node:worker_threads";
import {createTrainer, type KernelName, trainEpoch} from "../lib/kernels.js";
import {firstSamples} from "../lib/mnist.js";
import {createNetwork} from "../lib/network.js";
import {loadDataset} from "../data-loaders/dataset.js";

const {kernel, samples, seed} = workerData as {kernel: KernelName; samples: number; seed: number};
const trainer = await createTrainer(createNetwork({seed}), kernel);
trainEpoch(trainer, firstSamples(loadDataset().train, samples), 0.3);
const {wih, who} = trainer.network();
parentPort!.postMessage({wih, who});
