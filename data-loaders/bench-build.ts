// npm run bench -- --build [--runs N]: the build's four targets, timed as a user meets them,
// in a copy of the project (so the edits it makes never touch the real tree) that reads the
// real run store (so nothing is retrained when it is warm):
//   cold    a build with Framework's cache empty: its page stage (loader outputs + pages)
//   warm    a second `npm run build` with nothing changed
//   prose   a build after editing the text of one page (and the text is checked in the site)
//   table   a build after editing one experiment's table code (only it may be recomputed)
// Each is the median of --runs builds; wall time of the whole `npm run build` command.
import {median} from "d3";
import {spawnSync} from "node:child_process";
import {appendFileSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {storeDir} from "./run-entry.js";
import {copyProject} from "./project-copy.js";

function build(dir: string): {seconds: number; stderr: string; stage: (name: string) => number} {
  const start = performance.now();
  const result = spawnSync("npm", ["run", "build"], {
    cwd: dir,
    env: {...process.env, RUN_STORE: storeDir(), SITE_OUTPUT: ""},
    encoding: "utf8"
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`npm run build failed in ${dir}:\n${result.stderr}`);
  // A stage's time, from its summary line ("data: 51 files, ... (7.7 s)", "site: rendered into dist (9.3 s)").
  const stage = (name: string) => {
    const match = new RegExp(`^${name}\\b.*\\((\\d+\\.\\d) s\\)$`, "m").exec(result.stderr);
    if (!match) throw new Error(`no "${name}" line with a time in the build's report:\n${result.stderr}`);
    return Number(match[1]);
  };
  return {seconds, stderr: result.stderr, stage};
}

export async function benchBuild(runs: number, json: boolean): Promise<void> {
  const log = (line: string) => void process.stderr.write(`bench: ${line}\n`);
  const dir = copyProject("bench-build-");
  const times: Record<string, number[]> = {cold: [], warm: [], prose: [], table: [], coldTotal: []};
  try {
    log(`project copied to ${dir}; run store ${storeDir()}`);
    const first = build(dir);
    if (!/trained 0 /.test(first.stderr))
      log("note: the store lacked runs; they were trained in the first build (not timed)");
    for (let run = 1; run <= runs; run++) {
      rmSync(join(dir, "src", ".observablehq", "cache"), {recursive: true, force: true});
      rmSync(join(dir, ".cache", "build"), {recursive: true, force: true});
      const cold = build(dir);
      times.cold.push(cold.stage("data: \\d+ files") + cold.stage("site: rendered"));
      times.coldTotal.push(cold.seconds);
      log(
        `cold ${run}/${runs}: page stage ${times.cold.at(-1)!.toFixed(1)} s (whole build ${cold.seconds.toFixed(1)} s)`
      );
    }
    for (let run = 1; run <= runs; run++) {
      const warm = build(dir);
      if (!/site: nothing changed/.test(warm.stderr))
        throw new Error(`a build with nothing changed rendered the site again:\n${warm.stderr}`);
      times.warm.push(warm.seconds);
      log(`warm ${run}/${runs}: ${warm.seconds.toFixed(1)} s`);
    }
    for (let run = 1; run <= runs; run++) {
      const sentence = `A sentence added by the build benchmark, number ${run}.`;
      appendFileSync(join(dir, "src", "index.md"), `\n${sentence}\n`);
      const prose = build(dir);
      if (!readFileSync(join(dir, "dist", "index.html"), "utf8").includes(sentence))
        throw new Error("the edited text is not in dist/index.html");
      times.prose.push(prose.seconds);
      log(`prose ${run}/${runs}: ${prose.seconds.toFixed(1)} s`);
    }
    for (let run = 1; run <= runs; run++) {
      appendFileSync(
        join(dir, "data-loaders", "experiments", "hidden-nodes.ts"),
        `export const editedByTheBuildBenchmark${run} = ${run}; // code, not a comment: comments count for nothing\n`
      );
      const table = build(dir);
      const recomputed = [...table.stderr.matchAll(/^(\w+): \d+ files recomputed/gm)].map((m) => m[1]);
      if (recomputed.join() !== "exp6" || !/trained 0 /.test(table.stderr))
        throw new Error(
          `editing Experiment 6's table code recomputed ${recomputed.join(", ") || "nothing"}:\n${table.stderr}`
        );
      times.table.push(table.seconds);
      log(`table ${run}/${runs}: ${table.seconds.toFixed(1)} s, recomputed exp6 only, trained 0 runs`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  const result = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)!]));
  if (json) return void console.log(JSON.stringify({runs, ...result, all: times}, null, 2));
  console.log(`Build times, median of ${runs} (seconds; npm run build, full MNIST, warm run store):`);
  console.log(`| build | seconds | target |`);
  console.log(`| --- | --- | --- |`);
  console.log(`| cold: page stage (whole build ${result.coldTotal.toFixed(1)} s) | ${result.cold.toFixed(1)} | ≤ 20 |`);
  console.log(`| warm, nothing changed | ${result.warm.toFixed(1)} | ≤ 10 |`);
  console.log(`| after editing a page's text | ${result.prose.toFixed(1)} | ≤ 10 |`);
  console.log(
    `| after editing Experiment 6's table code (only exp6 recomputed, no run trained) | ${result.table.toFixed(1)} | - |`
  );
}
