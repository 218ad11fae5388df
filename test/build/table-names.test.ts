// Each experiment's declared table names are the tables it computes, and each has a loader in
// src/data/: trains every experiment's runs (on 300 images, through the pool).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadDataset} from "../../data-loaders/dataset.js";
import {experimentTables} from "../../data-loaders/experiments/experiment.js";
import {experiments} from "../../data-loaders/experiments/index.js";
import {findLoader} from "../../data-loaders/loader-outputs.js";
import {readSettings} from "../../data-loaders/settings.js";
import {smallMnistDir, tempDir} from "../fixtures.js";

describe("experiment tables", () => {
  const env = {...process.env};
  let dir: string;
  beforeAll(() => {
    dir = smallMnistDir(300, 100);
    process.env.MNIST_DIR = dir; // the pool's workers read the same folder
    process.env.RUN_STORE = tempDir();
  });
  afterAll(() => {
    process.env.MNIST_DIR = env.MNIST_DIR;
    process.env.RUN_STORE = env.RUN_STORE;
    if (env.MNIST_DIR === undefined) delete process.env.MNIST_DIR;
    if (env.RUN_STORE === undefined) delete process.env.RUN_STORE;
  });

  it("each experiment's tableNames are the tables it computes, and each has a loader", async () => {
    const settings = {...readSettings({SEEDS: "2"}), workers: 2};
    const dataset = loadDataset(dir, false);
    for (const experiment of Object.values(experiments)) {
      const tables = await experimentTables(experiment, dataset, settings);
      expect(experiment.tableNames(settings).sort(), experiment.id).toEqual(Object.keys(tables).sort());
      for (const name of experiment.tableNames(settings))
        expect(findLoader(`data/${experiment.id}-${name}.arrow`), `${experiment.id} ${name}`).toBeDefined();
    }
  }, 300_000);
});
