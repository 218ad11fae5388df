// What the data was (the dataset's image counts, whether it is the official MNIST, TRAIN_LIMIT),
// for a page that shows no experiment's results: the playground says it from this table.
import {tableBytes} from "../../data-loaders/arrow-bytes.js";
import {loadDataset} from "../../data-loaders/dataset.js";
import {datasetTable} from "../../data-loaders/experiments/result-tables.js";
import {defineLoader} from "../../data-loaders/loader.js";
import {checkSettings, readSettings} from "../../data-loaders/settings.js";

export default defineLoader(import.meta.url, async () => {
  const dataset = loadDataset();
  const settings = readSettings();
  checkSettings(settings, dataset);
  return tableBytes(datasetTable(dataset, settings));
});
