import {experiment4} from "../../data-loaders/experiments/rate-and-epochs.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment4, "scores");
