// Runs in a worker thread (test/kernels.test.ts): trains with a kernel, posts the weights back.
// Plain JavaScript that registers tsx itself, since workers do not inherit a TypeScript loader.
import {parentPort, workerData} from "node:worker_threads";
import {register} from "tsx/esm/api";

register();
const {createTrainer} = await import("../lib/kernels.ts");
const {firstSamples} = await import("../lib/mnist.ts");
const {createNetwork} = await import("../lib/network.ts");
const {loadDataset} = await import("../data-loaders/dataset.ts");

const {kernel, samples, seed} = workerData;
const trainer = await createTrainer(createNetwork({seed}), kernel);
trainer.trainEpoch(firstSamples(loadDataset().train, samples), 0.3);
const {wih, who} = trainer.network();
parentPort.postMessage({wih, who});
