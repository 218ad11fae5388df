import {experiment2} from "../../data-loaders/experiments/learning-rate.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment2, "reproduction");
