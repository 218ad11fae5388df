// chartFooter's markup in Chromium (see component-page.ts): the download links and the "How
// this was made" block, its settings as a definition list of term and value pairs. The CSV,
// Arrow and figure downloads themselves are tested on the built site (notebook.e2e.ts).
import {describe, expect, it} from "vitest";
import {componentPage} from "./component-page.js";

const {page} = componentPage(["chart-footer"]);

/** The footer `code` returns, put in a card: its links and its how-made block's structure. */
const footer = (code: string) =>
  page().evaluate((source) => {
    const card = document.createElement("div");
    card.className = "card";
    card.append(new Function(`return ${source}`)());
    document.querySelector("main")!.replaceChildren(card);
    const list = card.querySelector("details.how-made dl");
    return {
      links: Array.from(card.querySelectorAll(".downloads a"), (a) => `${a.textContent} ${a.getAttribute("download")}`),
      terms: Array.from(list?.children ?? [], (e) => `${e.tagName.toLowerCase()}:${e.textContent}`),
      pre: card.querySelector("details pre")?.textContent ?? null
    };
  }, code);

describe("chartFooter", () => {
  it("a result file's footer: four download links, the command, and each setting as a dt and its dd", async () => {
    const got = await footer(
      `chartFooter("_file/data/exp2-scores.0123abcd.arrow", {chart: "learning-rate", settings: {seeds: 5, kernel: "wasm-f32"}})`
    );
    expect(got.links.map((l) => l.split(" ")[0])).toEqual(["CSV", "Arrow", "SVG", "PNG"]);
    expect(got.links[0]).toMatch(/^CSV .*-learning-rate\.csv$/);
    expect(got.pre).toContain("npm run experiment");
    expect(got.terms).toEqual(["dt:seeds", "dd:5", "dt:kernel", "dd:wasm-f32"]);
  });

  it("a live table's footer: how it was made, and no settings list when there are none", async () => {
    const got = await footer(`chartFooter({rows: () => [], made: "Computed in your browser."}, {chart: "training"})`);
    expect(got).toMatchObject({terms: [], pre: null});
    expect(await page().locator("details.how-made").textContent()).toBe("How this was madeComputed in your browser.");
  });
});
