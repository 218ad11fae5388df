import {experiment5} from "../../data-loaders/experiments/back-query.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment5, "runs");
