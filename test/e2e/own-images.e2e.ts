// "Ask about your own image" on the model page: image files the test makes (a test digit drawn
// into PNGs of several sizes, dark on light, light on dark, on a transparent background, and a
// JPEG) are opened and dropped; each is shown prepared two ways with the network's answers.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import * as d3 from "d3";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {fullBuild} from "./built-data.js";
import {shots, useBuiltSite, useCheckedPages} from "./built-site.js";
import {type Drawn, draw, FILES, label} from "./drawn-images.js";

const built = useBuiltSite();

/** What the page must say each kind of image was read as (lib/own-image.ts's InkSource). */
const READ_AS: Record<Drawn["mode"], string> = {
  "dark on light": "dark ink on light paper",
  "light on dark": "light ink on dark paper",
  "on transparent": "ink on a transparent background"
};

const open = useCheckedPages(built);

// The report's network (a full build) answers every drawn digit right; a preview build's,
// trained on fewer images, may miss one (TRAIN_LIMIT=2000 reads the chalk 2 as a 9), so there
// an answer need only be a digit.
const answer = (file: Drawn) => (fullBuild ? String(label(file)) : expect.stringMatching(/^\d$/));

/** Each shown file's name, what it was read as, and the two preparations' answers and digit canvases' ink. */
const shown = (page: Page) =>
  page.locator("#own-images .own-image").evaluateAll((cards) =>
    cards.map((card) => {
      const half = (name: string) => {
        const canvas = card.querySelector<HTMLCanvasElement>(`.${name} canvas`)!;
        const {data} = canvas.getContext("2d")!.getImageData(0, 0, 28, 28);
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128) inked++;
        return {
          answer: card.querySelector(`.${name} .answer`)?.textContent,
          inked,
          bars: card.querySelectorAll(`.${name} svg rect`).length
        };
      };
      return {
        file: (card as HTMLElement).dataset.file,
        text: card.textContent,
        book: half("book"),
        centred: half("centred")
      };
    })
  );

describe("the model page reads the reader's own images", () => {
  it("opened files: each read two ways with the right answer, a table to download, a bad file named", async () => {
    const page = await open("model", 1280);
    const files = await Promise.all(
      FILES.map(async (file) => ({name: file.name, mimeType: file.type, buffer: await draw(page, file)}))
    );
    const bad = {name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture")};
    await page.locator("#own-images input[type=file]").setInputFiles([...files, bad]);
    await page
      .locator("#own-images .own-image")
      .nth(FILES.length - 1)
      .waitFor();

    const cards = await shown(page);
    expect(cards.map((c) => c.file)).toEqual(FILES.map((f) => f.name));
    for (const [i, card] of cards.entries()) {
      const file = FILES[i];
      expect(card.text, file.name).toContain(`Read as ${READ_AS[file.mode]}.`);
      expect([card.book.answer, card.centred.answer], file.name).toEqual([answer(file), answer(file)]);
      for (const half of [card.book, card.centred]) {
        expect(half.inked, file.name).toBeGreaterThan(10); // a digit (a 1 has about 20 dark pixels), not an empty square
        expect(half.bars, file.name).toBeGreaterThanOrEqual(10); // the ten outputs
      }
    }
    const status = await page.locator("#own-images [role=status]").textContent();
    expect(status).toContain(`Read ${FILES.length} images in your browser.`);
    expect(status).toContain("notes.png could not be read as an image");

    // The table: one row per image read, downloadable as CSV with the answers shown.
    expect(await page.locator("#own-images-table tbody tr").count()).toBe(FILES.length);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#own-images-table a[data-format=csv]").click()
    ]);
    expect(download.suggestedFilename()).toBe("model-your-images.csv");
    const csv = d3.csvParse(readFileSync((await download.path())!, "utf8"));
    expect(csv.columns).toEqual([
      "file",
      "readAs",
      "bookAnswer",
      "bookConfidence",
      "centredAnswer",
      "centredConfidence"
    ]);
    expect(csv.map((row) => [row.file, row.bookAnswer, row.centredAnswer])).toEqual(
      cards.map((card) => [card.file, card.book.answer, card.centred.answer])
    );
    // The table's figure holds its cells too (not only its caption).
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#own-images-table a[data-format=svg]").click()
    ]);
    const figure = readFileSync((await svg.path())!, "utf8");
    for (const file of FILES) expect(figure).toContain(`>${file.name}</text>`);
    await page.locator("#own-images").screenshot({path: join(shots, "model-own-images-1280.png")});
  });

  it("a file dropped anywhere on the page replaces the last ones; a phone-width page shows it", async () => {
    const page = await open("model", 390);
    const file = FILES[2];
    const bytes = Array.from(await draw(page, file));
    await page.evaluate(
      ({bytes, name}) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, {type: "image/png"}));
        document
          .querySelector("h1")!
          .dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        document
          .querySelector("h1")!
          .dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
      },
      {bytes, name: file.name}
    );
    await page.locator("#own-images .own-image").first().waitFor();
    const cards = await shown(page);
    expect(cards.map((c) => [c.file, c.book.answer, c.centred.answer])).toEqual([
      [file.name, answer(file), answer(file)]
    ]);
    expect(await page.locator("#own-images-table").count()).toBe(0); // one file: no table
    expect(page.url()).toMatch(/\/model$/); // the page stayed
    await page.locator("#own-images").screenshot({path: join(shots, "model-own-images-390.png")});
  });
});
