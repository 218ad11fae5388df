// One file per learning rate (Framework passes the [lr] of the file name as --lr): the back
// queries of every stored run with that rate, so a page loads only the rate a reader picks.
import {parseArgs} from "node:util";
import {emitTable} from "../../data-loaders/emit-table.js";

const {values} = parseArgs({options: {lr: {type: "string"}}});
await emitTable("exp5", `backquery-${values.lr}`);
