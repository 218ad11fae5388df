import {emitTable} from "../../data-loaders/emit-table.js";

await emitTable("exp4", "settings");
