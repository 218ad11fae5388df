// npm run store -- merge DIR...: copies the runs of other run stores (the shards' of npm run
// train -- --shard I/N, trained elsewhere) into this one ($RUN_STORE, or .cache/runs), checking
// each (store-merge.ts). Says what it did on stderr; exits 1 if it refused a damaged entry
// (after copying the rest), 2 for a bad command line or a folder that is not a run store.
import {parseCommandLine, runCommand, UsageError} from "./errors.js";
import {checkRunStore} from "./output-folders.js";
import {storeDir} from "./run-entry.js";
import {describeMerge, mergeStores} from "./store-merge.js";

const USAGE = "usage: npm run store -- merge DIR... (copies the runs of the run stores DIR... into this one)";
const log = (line: string) => void process.stderr.write(line + "\n");

function main(argv: string[]): number {
  const {positionals} = parseCommandLine(
    {args: argv, options: {}, allowPositionals: true},
    (message) => `npm run store: ${message}; ${USAGE}`
  );
  const [command, ...dirs] = positionals;
  if (command !== "merge")
    throw new UsageError(`npm run store: ${command ? `unknown command "${command}"` : "no command"}; ${USAGE}`);
  if (dirs.length === 0) throw new UsageError(`npm run store -- merge: no store named; ${USAGE}`);
  const store = storeDir();
  checkRunStore(store);
  const report = mergeStores(store, dirs, log);
  log(describeMerge(report, dirs.length));
  return report.refused.length ? 1 : 0;
}

await runCommand(() => main(process.argv.slice(2)));
