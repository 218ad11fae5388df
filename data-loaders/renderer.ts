// Observable Framework in its own process (framework-render.mjs), started first: it loads
// while the build's other stages run, reads the pages when asked (what files they name, what
// is wrong in them), and renders the site.
import {type ChildProcess, fork} from "node:child_process";
import {join} from "node:path";
import {BuildError} from "./errors.js";
import {projectRoot} from "./module-graph.js";

// Framework colours its log; the ESC character is built, not written, so the pattern stays printable.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** What the pages name and what Framework found wrong in them (framework-pages.mjs). */
export interface PageScan {
  /** Each file a page names ("data/exp2-scores.arrow", relative to src/), with the pages naming it. */
  files: Record<string, string[]>;
  /** One line per problem: "src/x.md: SyntaxError: Unexpected token (3:4)". */
  problems: string[];
}

export interface Renderer {
  /** Reads the pages as Framework's build will. */
  pages(): Promise<PageScan>;
  /** Renders into `out`; returns the warnings in Framework's log (whose end is shown when it fails). */
  render(out: string): Promise<string[]>;
  /** Nothing (more) to do, or the build failed: ends the process. */
  cancel(): void;
}

/**
 * Lines of a successful build's log a person should see: Framework writes its progress to
 * stdout and its warnings (console.warn) to stderr.
 */
export function frameworkWarnings(stderr: string): string[] {
  return stderr
    .replace(ANSI_COLOUR, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .filter((line) => !/output root .* will not be cleared/.test(line)); // the build's own temporary folder
}

/** Starts Framework on the project in `cwd` (its observablehq.config.ts, or Framework's defaults). */
export function startRenderer(cwd = projectRoot): Renderer {
  const child: ChildProcess = fork(join(projectRoot, "data-loaders", "framework-render.mjs"), [], {
    cwd,
    stdio: ["ignore", "pipe", "pipe", "ipc"]
  });
  let log = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => {
    log += chunk;
    stderr += chunk;
  });
  // A process that could not start or died is reported by pages() or render(), with its log.
  const exited = new Promise<number | null>((resolvePromise) => {
    child.on("error", (error) => {
      log += `\n${error.message}`;
      resolvePromise(null);
    });
    child.on("close", resolvePromise);
  });
  const died = async (what: string) => {
    const code = await exited;
    return new BuildError(`observable ${what} failed (exit ${code}):\n${log.split("\n").slice(-30).join("\n")}`);
  };
  // A build that fails or is interrupted before its site stage takes the renderer with it.
  const stop = () => child.kill();
  process.once("exit", stop);
  let scan: Promise<PageScan> | undefined;
  return {
    pages() {
      scan ??= new Promise<PageScan>((resolvePromise, reject) => {
        const onMessage = (message: {type?: string; error?: string} & Partial<PageScan>) => {
          if (message.type !== "pages") return;
          child.off("message", onMessage);
          if (message.error) reject(new BuildError(`Observable Framework could not read the pages: ${message.error}`));
          else resolvePromise({files: message.files ?? {}, problems: message.problems ?? []});
        };
        child.on("message", onMessage);
        child.send({type: "pages"}, (error) => error && died("page reading").then(reject));
        exited.then(() => died("page reading").then(reject));
      });
      return scan;
    },
    async render(out) {
      log = ""; // the failure check below reads the render's log only
      stderr = "";
      child.send({type: "render", out}, (error) => {
        if (error) log += `\n${error.message}`;
      });
      const code = await exited;
      process.off("exit", stop);
      // Framework reports a failed loader in its log but may still exit 0: a failed build either way.
      const failed = code !== 0 || /\berror\b.*(loader|in \d)/i.test(log.replace(ANSI_COLOUR, ""));
      if (failed) throw await died("build");
      return frameworkWarnings(stderr);
    },
    cancel() {
      // Killed, not told: it may still be loading Framework, and the build need not wait for that.
      child.kill();
      process.off("exit", stop);
    }
  };
}
