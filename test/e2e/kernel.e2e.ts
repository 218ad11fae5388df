// The engine's default kernel (WebAssembly SIMD) runs in the browser and trains exactly as
// in Node: lib/ is bundled with esbuild, loaded into a page of the local site, and compared.
import {resolve} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createTrainer, trainEpoch} from "../../lib/kernels.js";
import {firstSamples} from "../../lib/mnist.js";
import {createNetwork} from "../../lib/network.js";
import {loadDataset} from "../../data-loaders/dataset.js";
import {browserScript, launch} from "./browser.js";
import {serve} from "../../data-loaders/static-server.js";

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  browser = await launch();
  server = await serve(resolve(process.env.SITE_DIR ?? "dist"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("lib/ in the browser", () => {
  it("the wasm-f32 kernel trains 300 images to the same weights as in Node, bit for bit", async () => {
    const bundle =
      await browserScript(`import {createTrainer, trainEpoch} from "./lib/kernels.ts"; import {createNetwork} from "./lib/network.ts";
                   globalThis.engine = {createTrainer, createNetwork, trainEpoch};`);
    const train = firstSamples(loadDataset().train, 300);
    const trainer = await createTrainer(createNetwork({seed: 4}), "wasm-f32");
    trainEpoch(trainer, train, 0.3);
    const expected = trainer.network();

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(server.url + "/");
    await page.addScriptTag({content: bundle});
    const got = await page.evaluate(
      async ({pixels, labels}) => {
        const {createTrainer, createNetwork, trainEpoch} = (globalThis as any).engine;
        const trainer = await createTrainer(createNetwork({seed: 4}), "wasm-f32");
        trainEpoch(
          trainer,
          {count: labels.length, size: 784, pixels: Uint8Array.from(pixels), labels: Uint8Array.from(labels)},
          0.3
        );
        const net = trainer.network();
        return {wih: Array.from(net.wih as Float64Array), who: Array.from(net.who as Float64Array)};
      },
      {pixels: Array.from(train.pixels), labels: Array.from(train.labels)}
    );
    expect(errors).toEqual([]);
    expect(got.who).toEqual(Array.from(expected.who));
    expect(got.wih).toEqual(Array.from(expected.wih));
    await page.close();
  });
});
