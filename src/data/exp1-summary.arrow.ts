import {emitTable} from "../../data-loaders/emit-table.js";

emitTable("exp1", "summary");
