// Observable Framework's build, started before it is needed: loading Framework and reading the
// config take over a second, which this process spends while the build trains and computes.
// It then waits for one line on stdin: the folder to render the site into (an empty line, or
// stdin closing, means the site is current and there is nothing to do).
import {createInterface} from "node:readline";

const [{build}, {readConfig}] = await Promise.all([
  import("@observablehq/framework/dist/build.js"),
  import("@observablehq/framework/dist/config.js")
]);
const config = await readConfig(undefined, undefined);
const lines = createInterface({input: process.stdin});
const out = await new Promise((resolve) => {
  lines.once("line", resolve);
  lines.once("close", () => resolve(""));
});
lines.close();
if (out) await build({config: {...config, output: out}});
