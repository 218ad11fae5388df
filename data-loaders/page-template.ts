// What Observable Framework 1.13.4's page template (dist/render.js) writes that fails WCAG 2.1
// AA or slows the first paint, mended in the built pages in this one place. Upstream, as of 1.13.4 (November 2026),
// with no config option for any of it:
// - `<html>` has no `lang` (3.1.1 Language of Page);
// - the viewport sets `maximum-scale=1`, which stops readers zooming on phones (1.4.4 Resize Text);
// - the sidebar's toggle checkbox is named only by its `title` (4.1.2 Name, Role, Value);
// - the sidebar's close `<label>` sits directly in an `<ol>`, where only `<li>` may (1.3.1);
// - every module the page imports is preloaded at high priority (`<link rel="modulepreload">`):
//   on a slow connection 40-odd modules (d3's, Arrow's: about 600 kB) share the bandwidth with
//   the stylesheet, and the page's text waits for them (Lighthouse, slow 4G: first paint 5.3 s).
//   At low priority they still load at once, after what the text needs (first paint 1.1 s).
// Each fix looks for what it mends and leaves a page alone where it is already right, so a
// Framework that fixes any of these upstream goes through unchanged. No imports: the build's
// site fingerprint hashes this file's bytes, so editing it renders the site again.

/** The pages' language, for `<html lang>`: the report is written in English. */
export const PAGE_LANGUAGE = "en";

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
    .replace(/<link rel="modulepreload"(?![^>]*fetchpriority)/g, '<link rel="modulepreload" fetchpriority="low"');
}
