// Starts a worker thread on a TypeScript module: workers do not inherit tsx's loader, so this
// plain-JavaScript entry registers it, then imports workerData.entry (a file URL).
import {workerData} from "node:worker_threads";
import {register} from "tsx/esm/api";

register();
// build-input: none, each worker's entry is started by new URL(...) beside new Worker(...), which the graph follows
await import(workerData.entry);
