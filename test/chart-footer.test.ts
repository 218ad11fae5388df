// The chart footer's pure parts: the CSV of a result table, the file and command it names.
import * as d3 from "d3";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {rowsOf} from "../src/components/arrow.js";
import {fileNameOf, pageName, regenerateCommand, tableCsv, tableSource} from "../src/components/chart-footer.js";

describe("chart footer", () => {
  it("writes a table as CSV that parses back to the same values, in column order", () => {
    const lr = Float64Array.from([0.1, 0.2, 0.1 + 0.2, 1 / 3]);
    const seed = Int32Array.from([1, 2, 3, 4]);
    const table = tableFromArrays({lr, seed, init: ["Normal", "Rand", "Normal", 'with "quotes", and a comma']});
    const rows = rowsOf(tableToIPC(table, "file").buffer as ArrayBuffer);
    const csv = tableCsv(rows);
    expect(csv.split("\n")[0]).toBe("lr,seed,init");
    const parsed = d3.csvParse(csv);
    expect(parsed.length).toBe(rows.length);
    parsed.forEach((row, i) => {
      expect(Number(row.lr)).toBe(lr[i]); // every digit survives
      expect(Number(row.seed)).toBe(seed[i]);
      expect(row.init).toBe(rows[i].init);
    });
  });

  it("writes list cells as numbers separated by spaces", () => {
    expect(tableCsv([{label: 3, pixels: Uint8Array.from([0, 128, 255])}])).toBe("label,pixels\n3,0 128 255");
    expect(tableCsv([])).toBe("");
  });

  it("finds the experiment and table of a result file, and rejects other files", () => {
    expect(tableSource("exp2-scores.arrow")).toEqual({experiment: "2", table: "scores"});
    expect(tableSource("exp5-backquery-0.1.arrow")).toEqual({experiment: "5", table: "backquery-0.1"});
    expect(tableSource("book-summary.arrow")).toEqual({experiment: "book", table: "summary"});
    expect(() => tableSource("mnist-test-images.idx.gz")).toThrow(/mnist-test-images.idx.gz.*exp<N>-<table>.arrow/);
  });

  it("names the file from its built or previewed address", () => {
    expect(fileNameOf("/_file/data/exp2-scores.62e93161.arrow")).toBe("exp2-scores.arrow");
    expect(fileNameOf("http://127.0.0.1:3000/_file/data/exp5-backquery-0.1.1a342cb0.arrow")).toBe(
      "exp5-backquery-0.1.arrow"
    );
    expect(fileNameOf("/_file/data/exp2-scores.arrow?sha=0123")).toBe("exp2-scores.arrow");
  });

  it("gives the command with the build's seeds and training limit", () => {
    expect(regenerateCommand("exp2-scores.arrow", {seeds: 5, trainLimit: 0})).toBe(
      "npm run experiment -- 2 --seeds 5 --table scores --out exp2-scores.arrow"
    );
    expect(regenerateCommand("book-scores.arrow", {seeds: 2, trainLimit: 1000})).toBe(
      "TRAIN_LIMIT=1000 npm run experiment -- book --seeds 2 --table scores --out book-scores.arrow"
    );
  });

  it("names downloads after the page", () => {
    expect(pageName("/experiment-2")).toBe("experiment-2");
    expect(pageName("/experiment-2.html")).toBe("experiment-2");
    expect(pageName("/")).toBe("index");
  });

  it("names downloads the same under a path prefix (a GitHub Pages project site)", () => {
    expect(pageName("/my-repo/experiment-2.html")).toBe("experiment-2");
    expect(pageName("/my-repo/experiment-2")).toBe("experiment-2");
    expect(pageName("/my-repo/")).toBe("index");
    expect(pageName("/my-repo/index.html")).toBe("index");
  });
});
