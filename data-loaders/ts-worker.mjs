// Starts a worker thread on a TypeScript module: workers do not inherit tsx's loader, so this
// plain-JavaScript entry registers it, then imports workerData.entry (a file URL).
import {workerData} from "node:worker_threads";
import {register} from "tsx/esm/api";

register();
await import(workerData.entry);
