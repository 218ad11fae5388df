import {experiment1} from "../../data-loaders/experiments/one-run.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment1, "confusion");
