// MNIST slices for the browser, e.g. data/mnist-test-images.idx.gz or
// data/mnist-train-images-10000.idx.gz (Framework passes the [part] of the name as --part).
import {loadDataset} from "../../data-loaders/dataset.js";
import {defineLoader} from "../../data-loaders/loader.js";
import {mnistFile} from "../../data-loaders/mnist-file.js";

export default defineLoader(import.meta.url, async ({part}) => mnistFile(loadDataset(), part ?? ""));
