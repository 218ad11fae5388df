// The experiment list for the home page: titles, pages, descriptions and headline rows
// (data-loaders/experiment-index.ts).
import {experimentIndexLoader} from "../../data-loaders/experiment-index.js";

export default experimentIndexLoader(import.meta.url);
