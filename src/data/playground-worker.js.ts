// The playground's and try panels' Web Worker (src/playground/train-worker.ts), bundled.
import {workerBundleLoader} from "../../data-loaders/worker-bundle.js";

export default workerBundleLoader(import.meta.url, new URL("../playground/train-worker.ts", import.meta.url));
