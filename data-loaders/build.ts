// npm run build [-- --yes] [--runs-only [--shard I/N | --shards-plan N] | --no-site]: the report, incrementally
// (build-stages.ts). Observable Framework takes over a second to load, so it is started first,
// in its own process, and loads while everything else here runs.
import {startRenderer} from "./renderer.js";

const argv = process.argv.slice(2);
const renderer = argv.includes("--runs-only") || argv.includes("--no-site") ? undefined : startRenderer();
const {runBuild} = await import("./build-stages.js");
await runBuild(argv, renderer);
