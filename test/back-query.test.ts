import {gunzipSync} from "node:zlib";
import {tableFromIPC, tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {experiment5, greyLevels, weightsTable} from "../data-loaders/experiments/back-query.js";
import {
  correlation,
  digitShapes,
  inkFrequency,
  meanPairwiseCorrelation
} from "../data-loaders/experiments/image-statistics.js";
import {mnistFile} from "../data-loaders/mnist-file.js";
import {type RequestedRun, tablesFrom} from "../data-loaders/experiments/experiment.js";
import {type RunConfig, runKey} from "../data-loaders/run-key.js";
import {experiment4} from "../data-loaders/experiments/rate-and-epochs.js";
import {backQueries, getRun, weightsAt} from "../data-loaders/run-training.js";
import {readSettings} from "../data-loaders/settings.js";
import {parseImages, parseLabels} from "../lib/idx.js";
import {createNetwork, query} from "../lib/network.js";
import {networkFromWeights, imagesOf} from "../src/components/network-weights.js";
import {smallDataset, tempDir} from "./fixtures.js";

describe("Experiment 5: back query and the exported network", () => {
  it("the weights file round-trips to the same network, rounded to Float32", () => {
    const net = createNetwork({hidden: 7, seed: 3});
    const read = networkFromWeights(tableToIPC(weightsTable(net), "file").slice().buffer as ArrayBuffer);
    expect(read.inputs).toBe(784);
    expect(read.hidden).toBe(7);
    expect(read.outputs).toBe(10);
    expect(Array.from(read.wih)).toEqual(Array.from(Float32Array.from(net.wih)));
    expect(Array.from(read.who)).toEqual(Array.from(Float32Array.from(net.who)));
    const x = new Float64Array(784).fill(0.5);
    const [a, b] = [query(net, x).output, query(read, x).output];
    for (let k = 0; k < 10; k++) expect(b[k]).toBeCloseTo(a[k], 5);
  });

  it("grey levels map 0.01..0.99 onto 0..255; correlation and digit shapes follow their definitions", () => {
    expect(Array.from(greyLevels(Float32Array.of(0.01, 0.5, 0.99)))).toEqual([0, 128, 255]);
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // Ten images: digit d inks pixel d only.
    const pixels = new Uint8Array(10 * 784);
    for (let d = 0; d < 10; d++) pixels[d * 784 + d] = 255;
    const shapes = digitShapes({count: 10, size: 784, pixels, labels: Uint8Array.from({length: 10}, (_, d) => d)});
    expect(shapes[0][0]).toBeCloseTo(255 - 25.5, 9); // its own ink minus the mean over ten digits
    expect(shapes[0][1]).toBeCloseTo(-25.5, 9);
    expect(shapes[3][500]).toBe(0);
    expect(() => digitShapes({count: 1, size: 784, pixels: pixels.subarray(0, 784), labels: Uint8Array.of(0)})).toThrow(
      /no training image of digit 1/
    );
  });

  it("tables: the network after epoch 13 of a longer run, its back queries, and per-rate tables of other runs", async () => {
    const dataset = smallDataset(300, 200);
    const settings = {...readSettings({}), seeds: 1};
    const store = tempDir();
    const [request] = experiment5.runs(settings);
    // Its run is one Experiment 4 trains for longer, with the weights of its epoch kept on the way.
    const longer = experiment4.runs(settings).find((r) => runKey(r.config, "x") === runKey(request.config, "x"));
    expect(longer, "Experiment 4 trains Experiment 5's run").toBeDefined();
    expect(longer!.epochs).toBeGreaterThan(request.epochs);
    expect(request.snapshots).toEqual([request.epochs]);
    const main = await getRun(dataset, {...request, epochs: longer!.epochs}, store); // as Experiment 4 trains it
    const otherRequest = {config: {...request.config, lr: 0.3} as RunConfig, epochs: 2};
    const other = await getRun(dataset, otherRequest, store);
    const tables = tablesFrom(
      experiment5,
      [
        {...main, request},
        {...other, request: otherRequest}
      ],
      dataset,
      settings
    );
    const summary = tables.summary.get(0)!.toJSON();
    expect(summary.score).toBe(main.epochs[request.epochs - 1].testScore);
    expect(summary.epochs).toBe(request.epochs);
    const images = imagesOf(tableToIPC(tables.backquery, "file").slice().buffer as ArrayBuffer, "image");
    // The grey levels pages draw are the loader's, from the same images.
    const greys = tableFromIPC(tableToIPC(tables.backquery, "file")).getChild("pixels")!.toArray() as Uint8Array[];
    greys.forEach((grey, label) => {
      expect(Array.from(grey)).toEqual(Array.from(greyLevels(images[label])));
    });
    const expected = backQueries(weightsAt(main, request.epochs));
    expect(images).toHaveLength(10);
    expect(Array.from(images[7])).toEqual(Array.from(expected.subarray(7 * 784, 8 * 784)));
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(["weights", "runs", "shapes", "similarity", "backquery-0.3"])
    );
    const rate = tableFromIPC(tableToIPC(tables["backquery-0.3"], "file"));
    expect(rate.numRows).toBe(2 * 10); // 2 epochs x 10 labels
    expect(tables.similarity.numRows).toBe(100);
  });
});

describe("Experiment 5: does the back query depend on the seed?", () => {
  it("ink frequency counts the images that ink each pixel; pairwise correlation averages every pair", () => {
    const pixels = new Uint8Array(4 * 784);
    pixels[0] = 255; // image 0 inks pixel 0
    pixels[784] = 1; // image 1 inks pixel 0, faintly
    pixels[2 * 784 + 5] = 10; // image 2 inks pixel 5
    const ink = inkFrequency({count: 4, size: 784, pixels, labels: new Uint8Array(4)});
    expect([ink[0], ink[5], ink[6]]).toEqual([0.5, 0.25, 0]);
    const a = [1, 2, 3, 4],
      b = [2, 4, 6, 8.5],
      c = [4, 3, 2, 1];
    const all = [0, 1, 2, 3];
    expect(meanPairwiseCorrelation([a, a, a], all)).toBeCloseTo(1, 12);
    expect(meanPairwiseCorrelation([a, b, c], all)).toBeCloseTo(
      (correlation(a, b) + correlation(a, c) + correlation(b, c)) / 3,
      12
    );
    expect(meanPairwiseCorrelation([a, c], [1, 2])).toBeCloseTo(-1, 12); // only the chosen pixels count
    expect(meanPairwiseCorrelation([a], all)).toBeNaN(); // one image: no pair
  });

  it("tables: the back queries of every seed at epoch 13, and how far the seeds agree by region", async () => {
    const dataset = smallDataset(300, 100);
    const settings = {...readSettings({}), seeds: 3};
    const store = tempDir();
    const [request] = experiment5.runs(settings);
    const runs: RequestedRun[] = [];
    for (const seed of [1, 2, 3]) {
      const asked = {...request, config: {...request.config, seed}}; // trained on, kept at its snapshot
      runs.push({...(await getRun(dataset, asked, store)), request: asked});
    }
    const tables = tablesFrom(experiment5, runs, dataset, settings);

    const seeds = tableFromIPC(tableToIPC(tables.seeds, "file"))
      .toArray()
      .map((r) => r.toJSON());
    expect(seeds.map((r) => `${r.seed}:${r.label}`)).toEqual(
      [1, 2, 3].flatMap((s) => Array.from({length: 10}, (_, l) => `${s}:${l}`))
    );
    // Each seed's rows are its run's snapshot epoch at the experiment's rate (from its request, not typed in).
    expect(new Set(seeds.map((r) => `${r.epoch} ${r.lr}`))).toEqual(
      new Set([`${request.snapshots} ${request.config.lr}`])
    );
    expect(Array.from(seeds[13].pixels as Uint8Array)).toEqual(
      Array.from(greyLevels(runs[1].backQueries[12].subarray(3 * 784, 4 * 784)))
    );

    const agreement = tableFromIPC(tableToIPC(tables.agreement, "file"))
      .toArray()
      .map((r) => r.toJSON());
    expect(agreement).toHaveLength(4 * 10);
    const region = (name: string) => agreement.filter((r) => r.region === name);
    const [all, never, seldom, often] = [
      "all pixels",
      "pixels no training image inks",
      "pixels under 1% of training images ink",
      "pixels 1% or more of training images ink"
    ].map(region);
    // Each region's pixels and agreement, derived from the training images the runs saw.
    const ink = inkFrequency(dataset.train);
    const everyPixel = Array.from({length: 784}, (_, i) => i);
    const expected = [
      [all, everyPixel],
      [never, everyPixel.filter((i) => ink[i] === 0)],
      [seldom, everyPixel.filter((i) => ink[i] > 0 && ink[i] < 0.01)],
      [often, everyPixel.filter((i) => ink[i] >= 0.01)]
    ] as const;
    expect(never[0].pixels + seldom[0].pixels + often[0].pixels).toBe(784); // the three regions split the image
    expect(never[0].pixels).toBeGreaterThan(1); // 300 images leave corners uninked: the region is measured
    const images = (label: number) => runs.map((run) => run.backQueries[12].subarray(label * 784, (label + 1) * 784));
    for (const [rows, pixels] of expected) {
      for (const row of rows) {
        expect(row.pixels).toBe(pixels.length);
        expect(row.seeds).toBe(3);
        expect(row.correlation).toBeCloseTo(meanPairwiseCorrelation(images(row.label), pixels), 12);
      }
    }
  });
});

describe("MNIST slices for the browser", () => {
  const dataset = smallDataset(300, 200);

  it("are gzip-compressed IDX files of the first N samples", () => {
    const images = parseImages(gunzipSync(mnistFile(dataset, "train-images-50")), "images");
    expect(images.count).toBe(50);
    expect(Array.from(images.pixels)).toEqual(Array.from(dataset.train.pixels.subarray(0, 50 * 784)));
    expect(Array.from(parseLabels(gunzipSync(mnistFile(dataset, "test-labels")), "labels"))).toEqual(
      Array.from(dataset.test.labels)
    );
  });

  it("hold every sample there is when the set has fewer than N", () => {
    for (const [part, set] of [
      ["test-images-201", dataset.test],
      ["train-images-10000", dataset.train]
    ] as const) {
      const images = parseImages(gunzipSync(mnistFile(dataset, part)), part);
      expect(images.count, part).toBe(set.count);
      expect(Array.from(images.pixels)).toEqual(Array.from(set.pixels));
    }
    const labels = parseLabels(gunzipSync(mnistFile(dataset, "test-labels-1000")), "labels");
    expect(Array.from(labels)).toEqual(Array.from(dataset.test.labels));
  });

  it("reject a bad name or count with a clear error", () => {
    expect(() => mnistFile(dataset, "train-pictures")).toThrow(
      /mnist file "train-pictures": expected <train\|test>-<images\|labels>\[-N\]/
    );
    expect(() => mnistFile(dataset, "test-images-0")).toThrow(/mnist file "test-images-0": N must be at least 1/);
    expect(() => mnistFile(dataset, "test-images-")).toThrow(/mnist file "test-images-": expected/);
  });
});
