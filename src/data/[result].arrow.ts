// Every experiment's result tables: data/exp3-scores.arrow is table "scores" of experiment
// "exp3" (Framework passes the [result] of the name as --result). See data-loaders/table-loader.ts.
import {resultLoader} from "../../data-loaders/table-loader.js";

export default resultLoader(import.meta.url);
