// A minimal static server for the built site on 127.0.0.1 (npm run check, the page benchmarks,
// the browser tests). By default with Framework's clean
// URLs (/experiment-1 serves experiment-1.html); with cleanUrls false, as a plain file server
// (python3 -m http.server, GitHub Pages without its .html lookup) would: a path names a file or
// a folder's index.html, nothing else. `prefix` serves the site under a path, as a GitHub Pages
// project site is (/<repo>/...); anything outside it is 404.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {parseCommandLine, runCommand, UsageError} from "./errors.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".arrow": "application/vnd.apache.arrow.file",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2"
};

export interface ServeOptions {
  /** Serve /page from page.html (Framework's clean URLs); default true. */
  cleanUrls?: boolean;
  /** The path the site is served under, e.g. "/report"; default none. */
  prefix?: string;
  /** The port on 127.0.0.1; default 0, any free one. */
  port?: number;
}

/** Serves `root`; `url` is where the site's index is, without a trailing slash (the prefix included). */
export async function serve(
  root: string,
  {cleanUrls = true, prefix = "", port = 0}: ServeOptions = {}
): Promise<{url: string; close: () => Promise<void>}> {
  const base = resolve(root);
  const server: Server = createServer((request, response) => {
    const full = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (full === prefix) return void response.writeHead(301, {location: `${prefix}/`}).end();
    if (!full.startsWith(`${prefix}/`)) return void response.writeHead(404).end("not found");
    const path = full.slice(prefix.length);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    else if (cleanUrls && !existsSync(file) && existsSync(file + ".html")) file += ".html";
    if (!existsSync(file)) return void response.writeHead(404).end("not found");
    response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", done);
  });
  const {port: listening} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}${prefix}`,
    close: () => new Promise((done) => server.close(() => done()))
  };
}

// npm run serve [-- DIR] [--port N]: the built site (dist/ by default) for a look in a browser.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(
    async () => {
      const {values, positionals} = parseCommandLine({
        options: {port: {type: "string", default: "0"}},
        allowPositionals: true
      });
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port ${values.port}: must be a port number, 0-65535`);
      const root = positionals[0] ?? "dist";
      if (!existsSync(join(root, "index.html")))
        throw new UsageError(`${resolve(root)} holds no built site (no index.html): run npm run build first`);
      const {url} = await serve(root, {port});
      console.log(`serving ${root} at ${url}/ (Ctrl-C stops)`);
    },
    () => "\nusage: npm run serve [-- DIR] [--port N]" // after any error: a port in use, too, wants --port
  );
}
