import {bookFigures} from "../../data-loaders/experiments/book-figures.js";
import {tableLoader} from "../../data-loaders/table-loader.js";

export default tableLoader(import.meta.url, bookFigures, "blog");
