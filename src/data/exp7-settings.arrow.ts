import {experiment7} from "../../data-loaders/experiments/rotation.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment7, "settings");
