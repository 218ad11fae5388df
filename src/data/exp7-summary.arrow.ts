import {emitTable} from "../../data-loaders/emit-table.js";

await emitTable("exp7", "summary");
