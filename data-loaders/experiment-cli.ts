// npm run experiment -- <experiment> [--table NAME] [--out FILE]
// Runs one experiment without building the site, as the reproduction's scripts could be run
// one at a time: prints its summary, or writes one of its tables as an Arrow file.
import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  type Stats,
  statSync,
  writeFileSync
} from "node:fs";
import {dirname, resolve} from "node:path";
import {tableBytes} from "./arrow-bytes.js";
import {loadDataset} from "./dataset.js";
import {parseCommandLine, runCommand, UsageError} from "./errors.js";
import {experimentTable, tableMaker, tableNames} from "./experiments/experiment.js";
import {experiments} from "./experiments/index.js";
import {checkRunStore} from "./output-folders.js";
import {readSettings} from "./settings.js";
import {namingFile, writeAtomically} from "./temporaries.js";

const USAGE = `usage: npm run experiment -- <experiment> [--seeds N] [--table NAME] [--out FILE]

  <experiment>    ${Object.values(experiments)
    .map((e) => `${e.id.replace("exp", "")} (${e.title})`)
    .join(", ")}
  --seeds N       train seeds 1..N where the experiment uses several (default: SEEDS, or 5)
  --table NAME    the result table to print or write (default: summary, or scores)
  --out FILE      write that table to FILE as Arrow IPC instead of printing the summary
  -h, --help      show this help

Environment: TRAIN_LIMIT=N trains on the first N training images (a quick preview);
MNIST_DIR=folder reads MNIST from another folder: its four IDX files, or the book's CSV files;
KERNEL=name trains with another kernel (dense, sparse, wasm-f64, wasm-f32; default wasm-f32).`;

/** Where --out writes: `path`, replaced whole (a file) or written through (`through`: a FIFO, a terminal, /dev/null). */
interface Output {
  path: string;
  through: boolean;
}

/** The path a chain of symbolic links ends at, existing or not. */
function linkTarget(path: string): string {
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(path).isSymbolicLink()) return path;
    } catch {
      return path; // missing: the file to make
    }
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw new UsageError(`--out ${path}: too many symbolic links`);
}

/**
 * Where --out writes, found before any training. Symbolic links are followed, so a link stays
 * a link and its target gets the table; a missing or regular file is replaced whole (no
 * half-written table); a FIFO or character device is opened and written, never replaced;
 * anything else (a folder, a socket, a block device) is refused.
 */
function checkOutput(out: string): Output {
  let stats: Stats | undefined;
  try {
    stats = statSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw new UsageError(`--out ${out}: cannot be reached (${code})`);
  }
  if (!stats) {
    const path = linkTarget(resolve(out));
    const folder = dirname(path);
    if (!existsSync(folder)) throw new UsageError(`--out ${out}: folder ${folder} does not exist`);
    if (!statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: ${folder} is not a folder`);
    return {path, through: false};
  }
  if (stats.isFile()) return {path: realpathSync(out), through: false};
  if (stats.isFIFO() || stats.isCharacterDevice()) return {path: out, through: true};
  if (stats.isDirectory()) throw new UsageError(`--out ${out}: is a folder; give a file name`);
  const kind = stats.isSocket() ? "a socket" : stats.isBlockDevice() ? "a block device" : "not a file";
  throw new UsageError(`--out ${out}: is ${kind}; give a file, a FIFO or a character device`);
}

/** Writes the table to `output`: a file whole or not at all, a FIFO or device through one open (no create). */
function writeOutput(output: Output, bytes: Uint8Array): void {
  if (!output.through) {
    writeAtomically(output.path, bytes); // no half-written file if this is interrupted
    return;
  }
  try {
    const fd = openSync(output.path, constants.O_WRONLY); // no O_CREAT, no O_TRUNC: it must be there, as it was
    try {
      writeFileSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw namingFile(error, output.path);
  }
}

async function main(argv: string[]): Promise<void> {
  const {values, positionals} = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      seeds: {type: "string"},
      table: {type: "string"},
      out: {type: "string"},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void process.stdout.write(USAGE + "\n");
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `expected one experiment, got ${positionals.join(" ")}` : "no experiment given"
    );
  const [name] = positionals;
  // Own entries only: "constructor" or "__proto__" is an unknown name, not Object's.
  const lookup = (id: string) => (Object.hasOwn(experiments, id) ? experiments[id] : undefined);
  const experiment = lookup(name) ?? lookup(`exp${name}`);
  if (!experiment) throw new UsageError(`unknown experiment "${name}"`);

  if (values.seeds !== undefined && !/^[1-9]\d*$/.test(values.seeds))
    throw new UsageError(`--seeds ${values.seeds}: must be a positive integer`);
  const settings = readSettings(values.seeds ? {...process.env, SEEDS: values.seeds} : process.env);
  // Everything the user asked for is checked before any training: a typo costs nothing.
  const names = tableNames(experiment);
  const tableName = values.table ?? (names.includes("summary") ? "summary" : names[0]);
  tableMaker(experiment, tableName); // an unknown table is told before any training
  const output = values.out ? checkOutput(values.out) : undefined;
  checkRunStore();
  const table = await experimentTable(experiment, tableName, loadDataset(), settings); // checks the settings against the dataset before training
  if (output) {
    writeOutput(output, tableBytes(table));
    process.stderr.write(`${experiment.title}: wrote table "${tableName}" (${table.numRows} rows) to ${values.out}\n`);
  } else {
    // Printed to 6 decimals: 0.9656, not 0.9655999999999999 (--out keeps every bit).
    const rounded = (value: unknown) =>
      typeof value === "number" && !Number.isInteger(value) ? Number(value.toFixed(6)) : value;
    const rows = table
      .toArray()
      .map((row) => Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, rounded(v)])));
    process.stdout.write(`${experiment.title}: table "${tableName}", ${rows.length} rows\n`);
    if (rows.length === 1) process.stdout.write(JSON.stringify(rows[0], null, 2) + "\n");
    else console.table(rows.slice(0, 40));
    if (rows.length > 40) process.stdout.write(`... ${rows.length - 40} more rows (write them all with --out FILE)\n`);
    process.stdout.write(`tables: ${names.join(", ")} (choose with --table NAME)\n`);
  }
}

await runCommand(
  () => main(process.argv.slice(2)),
  (usageError) => (usageError ? `\n\n${USAGE}` : "")
);
