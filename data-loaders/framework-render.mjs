// Observable Framework in its own process, started before it is needed: loading Framework and
// reading the config take over a second, which this process spends while the build trains and
// computes. The build then sends it messages (over IPC):
// - {type: "pages"}: it reads the pages (framework-pages.mjs) and answers {type: "pages", files, problems};
// - {type: "render", out}: it renders the site into `out` and exits (0 when it rendered);
// - the channel closing: nothing (more) to do, it exits.
import {scanPages} from "./framework-pages.mjs";

const [{build}, {readConfig}] = await Promise.all([
  import("@observablehq/framework/dist/build.js"),
  import("@observablehq/framework/dist/config.js")
]);
const config = await readConfig(undefined, undefined);
process.on("disconnect", () => process.exit(0));
process.on("message", async (message) => {
  if (message?.type === "pages") {
    try {
      process.send({type: "pages", ...(await scanPages(config))});
    } catch (error) {
      process.send({type: "pages", error: error instanceof Error ? error.message : String(error)});
    }
  } else if (message?.type === "render") {
    process.removeAllListeners("disconnect");
    try {
      await build({config: {...config, output: message.out}});
      process.exit(0);
    } catch (error) {
      // Framework's own words for what failed (a missing file, a broken import); its stack is about Framework.
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
});
