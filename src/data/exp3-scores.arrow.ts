import {experiment3} from "../../data-loaders/experiments/epochs.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment3, "scores");
