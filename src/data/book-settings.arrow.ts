import {emitTable} from "../../data-loaders/emit-table.js";

await emitTable("book", "settings");
