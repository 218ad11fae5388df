// What README's "Add an experiment" tells a contributor to write, for the tests that do it.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {projectRoot} from "../../data-loaders/module-graph.js";

/** The files README's "Add an experiment" writes out: each numbered step's path and the code block after it. */
export function readmeExperimentFiles(): {path: string; text: string}[] {
  const lines = readFileSync(join(projectRoot, "README.md"), "utf8").split("\n");
  const start = lines.indexOf("## Add an experiment");
  // The section ends at the next "## " heading outside a code block (the page has headings of its own).
  let fence = "";
  let end = start + 1;
  for (; end < lines.length; end++) {
    const marker = /^(`{3,})/.exec(lines[end])?.[1];
    if (marker && !fence) fence = marker;
    else if (marker === fence && lines[end] === fence) fence = "";
    else if (!fence && lines[end].startsWith("## ")) break;
  }
  const section = `${lines.slice(start, end).join("\n")}\n`;
  return [...section.matchAll(/\*\*\d+\. [^*]+\*\*, `([^`]+)`[\s\S]*?\n(`{3,4})\w*\n([\s\S]*?)\n\2\n/g)].map(
    ([, path, , text]) => ({path, text: `${text}\n`})
  );
}
