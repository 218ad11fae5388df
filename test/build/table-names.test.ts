// Every table of every experiment reaches Framework through the one result loader
// (src/data/[result].arrow.ts): trains every experiment's runs (on 300 images, through the pool).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Loader} from "../../data-loaders/loader.js";
import {tableFromIPC} from "apache-arrow";
import {tableNames} from "../../data-loaders/experiments/experiment.js";
import {experiments} from "../../data-loaders/experiments/index.js";
import {findLoader} from "../../data-loaders/loader-files.js";
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

  it("the result loader makes every table of every experiment, as a non-empty Arrow table", async () => {
    process.env.SEEDS = "2";
    process.env.WORKERS = "2";
    try {
      for (const experiment of Object.values(experiments))
        for (const name of tableNames(experiment)) {
          const output = findLoader(`data/${experiment.id}-${name}.arrow`);
          expect(output?.loader, `${experiment.id} ${name}`).toMatch(/\[result\]\.arrow\.ts$/);
          const loader = (await import(output!.loader)).default as Loader;
          const table = tableFromIPC(await loader.produce(output!.params));
          expect(table.numCols, `${experiment.id}-${name}`).toBeGreaterThan(0);
          expect(table.numRows, `${experiment.id}-${name}`).toBeGreaterThan(0);
        }
    } finally {
      for (const key of ["SEEDS", "WORKERS"] as const)
        if (env[key] === undefined) delete process.env[key];
        else process.env[key] = env[key];
    }
  }, 300_000);
});
