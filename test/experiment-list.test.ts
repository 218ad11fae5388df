// The experiment list is every definition file in a folder: checked, and sorted by title.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {listExperiments} from "../data-loaders/experiments/index.js";
import {tempDir} from "./fixtures.js";

/** A definition's source: a valid experiment with `fields` changed. */
const definition = (fields: Record<string, unknown>) => {
  const base = {id: "exp9", title: "Experiment 9: x", page: "/experiment-9", description: "What it shows."};
  const entries = Object.entries({...base, ...fields}).filter(([, value]) => value !== undefined);
  return `export default {${entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")}, runs: () => [], tables: {scores: () => null}};\n`;
};

/** A folder of definitions (`files`: name -> source) and a src/ with a page for each of `pages`. */
function folders(files: Record<string, string>, pages = ["experiment-9", "experiment-10"]): [string, string] {
  const dir = tempDir();
  const [defs, src] = [join(dir, "experiments"), join(dir, "src")];
  mkdirSync(defs);
  mkdirSync(src);
  for (const [name, source] of Object.entries(files)) writeFileSync(join(defs, name), source);
  for (const page of pages) writeFileSync(join(src, `${page}.md`), "# A page\n");
  return [defs, src];
}

describe("listExperiments", () => {
  it("lists each file's default export, skips files without one, and sorts by title, numbers as numbers", async () => {
    const [defs, src] = folders({
      "b.ts": definition({id: "exp10", title: "Experiment 10: y", page: "/experiment-10"}),
      "a.ts": definition({}),
      "helper.ts": "export const HELPER = 1;\n"
    });
    const listed = await listExperiments(defs, src);
    expect(listed.map(({experiment}) => experiment.id)).toEqual(["exp9", "exp10"]);
    expect(listed.map(({file}) => file)).toEqual([join(defs, "a.ts"), join(defs, "b.ts")]);
  });

  it.each([
    [{description: undefined}, /a\.ts: it has no description$/],
    [{id: "exp-9"}, /a\.ts: its id "exp-9" must be lower-case letters and digits/],
    [{page: "/experiment-11"}, /a\.ts: its page \/experiment-11 has no file src\/experiment-11\.md$/],
    [{page: "experiment-9"}, /a\.ts: its page "experiment-9" must be like "\/experiment-8"$/]
  ])("a definition with %o is an error naming its file", async (fields, message) => {
    const [defs, src] = folders({"a.ts": definition(fields)});
    await expect(listExperiments(defs, src)).rejects.toThrow(message);
  });

  it("a table name that cannot name a file is an error naming the definition", async () => {
    const source = definition({}).replace("tables: {scores: () => null}", 'tables: {"scores by seed": () => null}');
    const [defs, src] = folders({"a.ts": source});
    await expect(listExperiments(defs, src)).rejects.toThrow(/a\.ts: its table name "scores by seed" must be/);
  });

  it("two definitions with one id are an error naming both files", async () => {
    const [defs, src] = folders({"a.ts": definition({}), "b.ts": definition({title: "Experiment 9 again"})});
    await expect(listExperiments(defs, src)).rejects.toThrow(/b\.ts: its id "exp9" is already .*a\.ts's$/);
  });
});
