// MNIST slices for the browser, e.g. data/mnist-test-images.idx.gz or
// data/mnist-train-images-10000.idx.gz (Framework passes the [part] of the name as --part).
import {parseArgs} from "node:util";
import {loadDataset} from "../../data-loaders/dataset.js";
import {emitBytes} from "../../data-loaders/emit-table.js";
import {mnistFile} from "../../data-loaders/mnist-file.js";

const {values} = parseArgs({options: {part: {type: "string"}}});
await emitBytes(() => mnistFile(loadDataset(), values.part ?? ""));
