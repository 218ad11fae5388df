// The whole pipeline as a user runs it: loaders as processes and `npm run build`.
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {FILES, loadDataset} from "../../data-loaders/dataset.js";
import {experiments} from "../../data-loaders/experiments/index.js";
import {startRenderer} from "../../data-loaders/renderer.js";
import {distinctRuns} from "../../data-loaders/run-pool.js";
import {readSettings} from "../../data-loaders/settings.js";
import config from "../../observablehq.config.js";
import {smallMnistDir, tempDir} from "../fixtures.js";

function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, {env: {...process.env, ...env}, encoding: "buffer", maxBuffer: 1 << 28});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr.toString()};
}
const loader = (env: Record<string, string>) =>
  run("npx", ["tsx", "src/data/[result].arrow.ts", "--result=exp1-summary"], {RUN_STORE: tempDir(), ...env});

describe("loaders report bad input and write nothing", () => {
  it("a missing dataset folder", () => {
    const {status, stdout, stderr} = loader({MNIST_DIR: "/no/such/folder"});
    expect(status).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/error: \/no\/such\/folder: dataset folder not found \(set by MNIST_DIR\)/);
  });

  it("a truncated file", () => {
    const dir = smallMnistDir(20, 10);
    const file = join(dir, FILES.testImages);
    writeFileSync(file, readFileSync(file).subarray(0, 5000));
    const {status, stdout, stderr} = loader({MNIST_DIR: dir});
    expect(status).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toContain(`error: ${file}: truncated: header promises 7840 bytes of pixels, file holds 4984`);
  });

  it("a bad TRAIN_LIMIT", () => {
    const {status, stdout, stderr} = loader({TRAIN_LIMIT: "lots"});
    expect(status).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/error: TRAIN_LIMIT=lots: must be a positive integer/);
  });
});

describe("npm run build", () => {
  // Every page the site lists (observablehq.config.ts), and the index.
  const pages = ["index.html", ...config.pages.map((page) => `${page.path.slice(1)}.html`)];

  it("fails on a broken dataset and leaves no result file", () => {
    const out = tempDir();
    const {status, stderr} = run("npm", ["run", "build"], {
      MNIST_DIR: "/no/such/folder",
      SITE_OUTPUT: out,
      RUN_STORE: tempDir()
    });
    expect(status).not.toBe(0);
    expect(stderr + "").toMatch(/dataset folder not found/);
    const files = existsSync(join(out, "_file")) ? readdirSync(join(out, "_file"), {recursive: true}) : [];
    expect(files.filter((f) => String(f).endsWith(".arrow"))).toEqual([]);
  }, 300_000);

  it("with TRAIN_LIMIT=2000 builds every page the site lists, every experiment's tables, nothing from another host", async () => {
    const out = tempDir();
    const {status, stderr} = run("npm", ["run", "build"], {
      TRAIN_LIMIT: "2000",
      SEEDS: "2",
      SITE_OUTPUT: out,
      RUN_STORE: tempDir()
    });
    expect(status, stderr).toBe(0);
    expect(stderr).toContain("first 2000 images");
    // Every run the experiment list asks for, shared runs counted once, each to its longest request.
    const settings = readSettings({TRAIN_LIMIT: "2000", SEEDS: "2"});
    const runs = distinctRuns(
      Object.values(experiments).flatMap((e) => e.runs(settings)),
      loadDataset().checksum
    );
    const epochs = runs.reduce((sum, run) => sum + run.epochs, 0);
    expect(stderr).toContain(`runs: ${runs.length} distinct; trained ${runs.length} (${epochs} epochs)`);
    // Errors a page makes when it runs are the browser tests' to find (test/e2e/site.e2e.ts).
    for (const page of pages) {
      const html = readFileSync(join(out, page), "utf8");
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(js|css|woff2?)/); // nothing from another host
    }
    // Every file a page attaches is in the site, with Framework's content hash before its last
    // extension (data/mnist-test-images.idx.gz -> data/mnist-test-images.idx.74a506bb.gz).
    const built = readdirSync(join(out, "_file"), {recursive: true}).map((f) => String(f));
    const reader = startRenderer();
    const attached = Object.keys((await reader.pages()).files);
    reader.cancel();
    expect(attached.length).toBeGreaterThan(Object.keys(experiments).length);
    for (const file of attached) {
      const [, stem, extension] = file.match(/^(.*)(\.[a-z0-9]+)$/)!;
      expect(
        built.some((f) => f.startsWith(`${stem}.`) && f.endsWith(extension)),
        file
      ).toBe(true);
    }
  }, 300_000);
});
