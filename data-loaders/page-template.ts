// What Observable Framework 1.13.4's page template (dist/render.js) writes that fails WCAG 2.1
// AA, slows the first paint or blocks input while the page loads, mended in the built pages in this one place.
// Upstream, as of 1.13.4 (November 2026), with no config option for any of it:
// - `<html>` has no `lang` (3.1.1 Language of Page);
// - the viewport sets `maximum-scale=1`, which stops readers zooming on phones (1.4.4 Resize Text);
// - the sidebar's toggle checkbox is named only by its `title` (4.1.2 Name, Role, Value);
// - the sidebar's close `<label>` sits directly in an `<ol>`, where only `<li>` may (1.3.1);
// - every module the page imports is preloaded (`<link rel="modulepreload">`, 9 to 77 a page):
//   all are fetched and compiled at once while the browser lays the page out for the first
//   time, and on this 2-core machine that work takes the cores from the page's main thread: its
//   first style and layout, 18-34 ms of its own work, took 116-186 ms of wall time (a long task
//   that holds up input). Without the preloads the page's imports load as its modules ask for
//   them, and the same loads' longest task was 50-110 ms. The text does not wait for them either
//   (preloaded at high priority, as Framework asks, they slowed the first paint on a slow
//   connection: 5.3 s against 1.1 s);
// - every cell whose inputs resolve together runs in one task: when a page's data arrives, all
//   its charts, grids and footers are made back to back (63-133 ms on a load here, over the
//   100 ms a reader can wait for a key or a click to be answered). While the page loads, each
//   cell now runs in a task of its own (CELLS_IN_OWN_TASKS).
// Each fix looks for what it mends and leaves a page alone where it is already right, so a
// Framework that fixes any of these upstream goes through unchanged; the last two are not
// faults Framework would fix, and a browser test checks every built page still has them. No imports: the build's
// site fingerprint hashes this file's bytes, so editing it renders the site again.

/** The pages' language, for `<html lang>`: the report is written in English. */
export const PAGE_LANGUAGE = "en";

/**
 * A function, as JavaScript source for the page's module script, that wraps Framework's
 * `define(cell)` so each cell's body, while <html> has the class `mynn-loading` (the page's first
 * 3 s: observablehq.config.ts), starts in a task of its own (a timer) instead of in the task
 * whose promise gave it its inputs. The body's value is unchanged: Framework's runtime awaits
 * a body's promise as it does an async body's. A run made stale while it waits (a control
 * moved, a URL restored: the runtime resolves the cell's `invalidation`, added to its inputs
 * where it lacks one) never starts its body: the runtime discards that run's value anyway, and
 * waits for it before starting the new one. After the first 3 s a body runs at once, as before.
 */
export const CELLS_IN_OWN_TASKS = `(define) => (cell) => {
  const inputs = cell.inputs ?? [];
  const added = !inputs.includes("invalidation");
  const at = added ? inputs.length : inputs.indexOf("invalidation");
  return define({...cell, inputs: added ? [...inputs, "invalidation"] : inputs, body: function (...values) {
    const invalidation = values[at];
    if (added) values.pop();
    if (!document.documentElement.classList.contains("mynn-loading")) return cell.body.apply(this, values);
    let stale = false;
    invalidation.then(() => (stale = true));
    return new Promise((resolve) => setTimeout(resolve, 0)).then(() => (stale ? undefined : cell.body.apply(this, values)));
  }});
}`;

/** `html` (one built page) with the template's faults mended; idempotent. */
export function mendPageTemplate(html: string): string {
  return html
    .replace(/<html(?![^>]*\slang=)([^>]*)>/i, `<html lang="${PAGE_LANGUAGE}"$1>`)
    .replace(
      /(<meta name="viewport" content=")([^"]*)"/i,
      (_, start: string, content: string) =>
        `${start}${content
          .split(",")
          .filter((part) => !/^\s*(?:maximum-scale|user-scalable)\s*=/i.test(part))
          .join(",")}"`
    )
    .replace(
      /<input id="observablehq-sidebar-toggle"(?![^>]*aria-label)([^>]*?)title="([^"]*)"([^>]*)>/,
      '<input id="observablehq-sidebar-toggle"$1title="$2" aria-label="$2"$3>'
    )
    .replace(
      /(<ol>\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)/,
      '$1<li class="observablehq-sidebar-close">$2</li>'
    )
    .replace(/<link rel="modulepreload"[^>]*>\n?/g, "")
    .replace(
      /^import \{define\} from ("[^"]*\/_observablehq\/client\.[^"]*\.js");$/m,
      (_, client: string) =>
        `import {define as defineCell} from ${client};\nconst define = (${CELLS_IN_OWN_TASKS})(defineCell);`
    );
}
