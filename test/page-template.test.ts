import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {mendPageTemplate, PAGE_LANGUAGE} from "../data-loaders/page-template.js";

// The head and sidebar as Framework 1.13.4's template writes them (dist/render.js).
const FRAMEWORK_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<link rel="modulepreload" href="./_observablehq/client.d10d8454.js">
<link rel="modulepreload" href="./_node/d3@7.9.2/index.c8f1bfbe.js">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">Home</a></li>
  </ol>
</nav>
</body>
</html>`;

describe("mending Framework's page template", () => {
  const mended = mendPageTemplate(FRAMEWORK_PAGE);

  it("names the page's language, lets readers zoom, names the sidebar toggle and keeps lists to list items", () => {
    expect(mended).toContain(`<html lang="${PAGE_LANGUAGE}">`);
    expect(mended).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(mended).toMatch(/<input id="observablehq-sidebar-toggle"[^>]* aria-label="Toggle sidebar"/);
    const list = /<ol>([\s\S]*?)<\/ol>/.exec(mended)![1];
    expect(list.replace(/<li[^>]*>[\s\S]*?<\/li>/g, "").trim()).toBe(""); // nothing but <li> children
    expect(list).toContain('<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>');
  });

  it("preloads the page's modules at low priority, after what its text needs", () => {
    const preloads = mended.match(/<link rel="modulepreload"[^>]*>/g)!;
    expect(preloads).toHaveLength(FRAMEWORK_PAGE.match(/<link rel="modulepreload"/g)!.length);
    for (const link of preloads) expect(link).toContain('fetchpriority="low"');
  });

  it("changes nothing a second time, nor in a page already right", () => {
    expect(mendPageTemplate(mended)).toBe(mended);
    const locked =
      '<meta name="viewport" content="width=device-width, maximum-scale=1, user-scalable=no, initial-scale=1">';
    expect(mendPageTemplate(locked)).toBe('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const right = '<html lang="fr"><meta name="viewport" content="width=device-width"><ol><li>x</li></ol></html>';
    expect(mendPageTemplate(right)).toBe(right);
  });

  it("still finds what it mends in the installed Framework's template", () => {
    // An upgrade that reshapes these lines (not one that fixes them) must be noticed here.
    const render = readFileSync("node_modules/@observablehq/framework/dist/render.js", "utf8");
    const viewport = /<meta name="viewport" content="([^"]*)">/.exec(render)?.[1];
    expect(viewport).toBeDefined();
    expect(mendPageTemplate(`<meta name="viewport" content="${viewport}">`)).not.toMatch(/maximum-scale|user-scalable/);
    expect(render).toMatch(/<html>|<html lang=/);
    // The other three mends look for these; if Framework writes them differently, they are lost.
    expect(render).toContain('<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">');
    expect(render).toMatch(/<ol>\s*<label id="observablehq-sidebar-close"/);
    expect(render).toContain('<link rel="modulepreload" href=');
  });
});
