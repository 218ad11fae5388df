import {experiment6} from "../../data-loaders/experiments/hidden-nodes.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment6, "settings");
