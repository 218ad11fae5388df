// A worker thread of the run pool (run-pool.ts): trains the runs it is sent into the store,
// posting progress as it goes.
import {parentPort} from "node:worker_threads";
import {loadDataset} from "./dataset.js";
import {describeError} from "./errors.js";
import {quietDamagedEntries} from "./run-entry.js";
import type {RunRequest} from "./run-key.js";
import {getRun} from "./run-training.js";

export interface RunJob {
  request: RunRequest;
  store: string;
}

const dataset = loadDataset();
quietDamagedEntries(); // the pool checked every entry it sends, and said which were damaged
parentPort!.on("message", async (job: RunJob | null) => {
  if (job === null) return void parentPort!.close();
  try {
    await getRun(dataset, job.request, job.store, (progress) => parentPort!.postMessage({type: "progress", progress}));
    parentPort!.postMessage({type: "done"});
  } catch (error) {
    parentPort!.postMessage({type: "failed", message: describeError(error)});
  }
});
