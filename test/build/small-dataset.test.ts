// A build from a dataset smaller than the slices the pages attach (2,000 training and 500 test
// images in MNIST_DIR) succeeds, and every page says what it was built from: the tables it loads
// carry the data's counts and that it is not the official MNIST, and the page shows the notice.
import {createHash} from "node:crypto";
import {mkdirSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {tableFromIPC} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import config from "../../observablehq.config.js";
import {FILES, OFFICIAL_MD5} from "../../data-loaders/dataset.js";
import {parseImages, parseLabels} from "../../lib/idx.js";
import {type DataFacts, dataNotice, noticeText} from "../../src/components/preview-warning.js";
import {useBrowserOn} from "../e2e/browser-on.js";
import {buildIn, projectCopy, smallMnistDir, tempDir} from "../fixtures.js";

const TRAIN = 2000;
const TEST = 500;

// The pages, from their sources: every src/*.md is a page; the sidebar's (the config's) must be among them.
const pages = readdirSync("src")
  .filter((f) => f.endsWith(".md"))
  .map((f) => f.replace(/\.md$/, ""));
/** The .arrow tables a page loads, by the names its source gives FileAttachment. */
const tablesOf = (page: string) =>
  [...readFileSync(join("src", `${page}.md`), "utf8").matchAll(/FileAttachment\("data\/([^"]+)\.arrow"\)/g)].map(
    (m) => m[1]
  );

let dir: string;
let mnist: string;
let site: string;
/** What the files in MNIST_DIR are, read from them: their counts (IDX headers) and whether they are MNIST's. */
let facts: DataFacts;

beforeAll(() => {
  dir = projectCopy();
  mnist = smallMnistDir(TRAIN, TEST);
  const file = (name: string) => readFileSync(join(mnist, name));
  const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");
  const trainImages = parseImages(file(FILES.trainImages), FILES.trainImages).count;
  facts = {
    trainSamples: trainImages,
    trainLimit: 0,
    trainImages,
    testSamples: parseLabels(file(FILES.testLabels), FILES.testLabels).length,
    officialDataset: Object.values(FILES).every((name) => md5(file(name)) === OFFICIAL_MD5[name])
  };
  const result = buildIn(dir, {MNIST_DIR: mnist, SEEDS: "1", RUN_STORE: tempDir()});
  expect(result.status, result.stderr).toBe(0);
  site = join(dir, "dist");
}, 600_000);

/** A built data file's bytes: Framework adds a content hash before the last extension (exp1-summary.<hash>.arrow, mnist-test-images.idx.<hash>.gz). */
function built(name: string, extension: string): Uint8Array {
  const folder = join(site, "_file", "data");
  const found = readdirSync(folder).filter((f) => f.startsWith(`${name}.`) && f.endsWith(extension));
  expect(found, `${name}${extension} in ${folder}`).toHaveLength(1);
  return readFileSync(join(folder, found[0]));
}

describe(`a build from ${TRAIN.toLocaleString("en")} training and ${TEST} test images`, () => {
  it("is what the test meant: a small dataset that is not the official MNIST", () => {
    expect(facts).toMatchObject({trainImages: TRAIN, testSamples: TEST, officialDataset: false});
    expect(pages).toEqual(expect.arrayContaining(["index", ...config.pages.map((page) => page.path.slice(1))]));
  });

  it("gives the pages' fixed slices all the images there are (the playground's 10,000 and 1,000)", () => {
    const slices = new Set(
      pages.flatMap((page) =>
        [
          ...readFileSync(join("src", `${page}.md`), "utf8").matchAll(
            /FileAttachment\("data\/(mnist-[^"]+)\.idx\.gz"\)/g
          )
        ].map((m) => m[1])
      )
    );
    expect(slices.size).toBeGreaterThan(0);
    for (const slice of slices) {
      const [, set, kind, n] = /^mnist-(train|test)-(images|labels)(?:-(\d+))?$/.exec(slice)!;
      const whole = set === "train" ? facts.trainImages : facts.testSamples;
      const want = n === undefined ? whole : Math.min(Number(n), whole);
      const bytes = gunzipSync(built(`${slice}.idx`, ".gz"));
      expect(kind === "images" ? parseImages(bytes, slice).count : parseLabels(bytes, slice).length, slice).toBe(want);
    }
  });

  it.each(pages)("%s loads a table saying what data it was built from", (page) => {
    const rows = tablesOf(page).map((name) => ({name, row: tableFromIPC(built(name, ".arrow")).get(0)?.toJSON()}));
    const saying = rows.filter(({row}) => row && "officialDataset" in row);
    expect(
      saying.map(({name}) => name).length,
      `${page} loads ${rows.map(({name}) => name).join(", ")}`
    ).toBeGreaterThan(0);
    for (const {name, row} of saying) {
      expect({...row}, name).toMatchObject({
        trainImages: facts.trainImages,
        testSamples: facts.testSamples,
        trainSamples: facts.trainSamples,
        trainLimit: 0,
        officialDataset: false
      });
    }
  });

  describe("in Chromium", () => {
    const built = useBrowserOn(() => site);

    it.each(pages)("%s shows the notice: the counts, MNIST_DIR, not the official set; no errors", async (page) => {
      const tab = await built.browser.newPage({viewport: {width: 1280, height: 900}});
      const problems: string[] = [];
      tab.on("pageerror", (error) => problems.push(error.message));
      tab.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      await tab.goto(`${built.url}/${page}`, {waitUntil: "networkidle"});
      const notice = tab.locator(`.warning[label="${dataNotice(facts).label}"]`);
      await expect.poll(() => notice.count(), {timeout: 15_000, message: page}).toBe(1);
      const text = (await notice.textContent()) ?? "";
      expect(text).toContain(`${TRAIN.toLocaleString("en")} training and ${TEST} test images in MNIST_DIR`);
      expect(text).toContain("not the official MNIST set");
      // The page's own sentence (the book's) may follow the notice's words.
      expect(text.startsWith(noticeText(dataNotice(facts)))).toBe(true);
      expect(problems).toEqual([]);
      await tab.close();
    });

    it("the notice fits the page at 1280 and 390 px (screenshots in test-results/, to be looked at)", async () => {
      mkdirSync("test-results", {recursive: true});
      for (const page of ["index", "playground"])
        for (const width of [1280, 390]) {
          const tab = await built.browser.newPage({viewport: {width, height: 900}});
          await tab.goto(`${built.url}/${page}`, {waitUntil: "networkidle"});
          const notice = tab.locator(".warning").first();
          await notice.waitFor();
          const box = (await notice.boundingBox())!;
          expect(box.x, `${page} at ${width} px`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${page} at ${width} px`).toBeLessThanOrEqual(width);
          expect(
            await tab.evaluate(() => document.documentElement.scrollWidth),
            `${page} at ${width} px`
          ).toBeLessThanOrEqual(width);
          await tab.screenshot({path: join("test-results", `small-dataset-${page}-${width}.png`)});
          await tab.close();
        }
    });
  });
});
