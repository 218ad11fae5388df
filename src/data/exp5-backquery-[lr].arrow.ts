// One file per learning rate (Framework passes the [lr] of the file name as --lr): the back
// queries of every stored run with that rate, so a page loads only the rate a reader picks.
import {experiment5} from "../../data-loaders/experiments/back-query.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, experiment5, "backquery-{lr}");
