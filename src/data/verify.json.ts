// The runs the verify page retrains, with the numbers the build stored (data-loaders/verify-list.ts).
import {verifyListLoader} from "../../data-loaders/verify-list.js";

export default verifyListLoader(import.meta.url);
