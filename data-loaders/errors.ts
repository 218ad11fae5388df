// The errors a user can cause, and how they are shown: one line naming the file, option or
// setting and what is wrong; a stack only for faults in the code itself.
import {parseArgs, type ParseArgsConfig} from "node:util";

/** A bad command-line argument or file parameter. */
export class UsageError extends Error {
  name = "UsageError";
}

/** A bad command line (an option, or a scheduler's variable read as one): the build exits 2 for it, 1 for other errors. */
export class CommandLineError extends UsageError {}

/** A bad build setting (an environment variable). */
export class SettingsError extends Error {
  name = "SettingsError";
}

/** A failure already described in full (a training run that failed, with its cause): no stack. */
export class BuildError extends Error {
  name = "BuildError";
}

const EXPECTED = ["IdxError", "SettingsError", "UsageError", "BuildError"];

/**
 * One line for the user: the message of errors we expect, and of file-system errors (which
 * name the path: "EROFS: read-only file system, open '/x/y'"); the stack of the others.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (EXPECTED.includes(error.name)) return error.message;
  const {code, path, dest, syscall} = error as NodeJS.ErrnoException & {dest?: string};
  if (typeof code === "string" && syscall) {
    const where = path ? (error.message.includes(path) ? "" : ` (${path}${dest ? ` -> ${dest}` : ""})`) : "";
    return error.message + where;
  }
  return error.stack ?? error.message;
}

/** Writes `bytes()` to stdout, or a clear error to stderr with a non-zero exit and no output. */
export async function emitBytes(bytes: () => Uint8Array | Promise<Uint8Array>): Promise<void> {
  try {
    process.stdout.write(await bytes());
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}

/**
 * Runs a command's `main` and sets the exit code: the number `main` returns, if any (else 0);
 * if it throws, 2 for a UsageError and 1 for anything else, after one line on stderr, `error: `
 * and describeError's words, then `after(usageError)` (how the command is called, or nothing).
 */
export async function runCommand(
  main: () => unknown,
  after: (usageError: boolean) => string = () => ""
): Promise<void> {
  try {
    const code = await main();
    if (typeof code === "number") process.exitCode = code;
  } catch (error) {
    const usageError = error instanceof UsageError;
    process.stderr.write(`error: ${describeError(error)}${after(usageError)}\n`);
    process.exitCode = usageError ? 2 : 1;
  }
}

/** `parseArgs` whose complaints are CommandLineErrors, worded by `explain` (naming the command and its options). */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  explain = (message: string) => message
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CommandLineError(explain((error as Error).message));
  }
}
