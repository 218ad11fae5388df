import {readFileSync} from "node:fs";
import {afterEach, describe, expect, it, vi} from "vitest";
import {CELLS_IN_OWN_TASKS, mendPageTemplate, PAGE_LANGUAGE} from "../data-loaders/page-template.js";

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
<script type="module">

import {define} from "./_observablehq/client.d10d8454.js";

define({id: "1a2b3c4d", inputs: ["display"], body: (display) => {
display("hello")
}});

</script>
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

  it("does not preload the page's modules: they load as its imports ask for them", () => {
    expect(FRAMEWORK_PAGE).toContain('<link rel="modulepreload"');
    expect(mended).not.toContain("modulepreload");
    expect(mended).toContain('<meta name="viewport"'); // the rest of the head kept
    expect(mended).toMatch(/<\/head>/);
  });

  it("runs each cell in a task of its own while the page loads, through a wrapped define", () => {
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(mended)![1];
    expect(script).toContain('import {define as defineCell} from "./_observablehq/client.d10d8454.js";');
    expect(script).toContain(`const define = (${CELLS_IN_OWN_TASKS})(defineCell);`);
    expect(script).toContain('define({id: "1a2b3c4d"'); // the cells themselves untouched
    // A page in a folder imports the client from above; a page with no cells imports no define.
    const nested = mendPageTemplate('import {define} from "../_observablehq/client.d10d8454.js";');
    expect(nested).toContain('import {define as defineCell} from "../_observablehq/client.d10d8454.js";');
    const bare = 'import "./_observablehq/client.d10d8454.js";';
    expect(mendPageTemplate(bare)).toBe(bare);
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
    // The other mends look for these; if Framework writes them differently, they are lost.
    expect(render).toContain('<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">');
    expect(render).toMatch(/<ol>\s*<label id="observablehq-sidebar-close"/);
    expect(render).toContain('<link rel="modulepreload" href=');
    expect(render).toMatch(/import \$\{[^\n]*define\} from /); // the module script's import {define} from the client
    expect(render).toContain('resolveImport("observablehq:client")');
  });
});

describe("cells in tasks of their own while the page loads", () => {
  type Cell = {id: string; inputs?: string[]; body: (...inputs: unknown[]) => unknown};
  type Wrap = (define: (cell: Cell) => unknown) => (cell: Cell) => unknown;
  const wrap = () => new Function(`return ${CELLS_IN_OWN_TASKS}`)() as Wrap;
  /** <html>'s class list holds mynn-loading (the page's first 3 s) or not. */
  const loading = (on: boolean) =>
    vi.stubGlobal("document", {
      documentElement: {classList: {contains: (name: string) => on && name === "mynn-loading"}}
    });
  /** CELLS_IN_OWN_TASKS around a define that keeps the cells. */
  function wrapped(on: boolean): {define: (cell: Cell) => unknown; defined: Cell[]} {
    loading(on);
    const defined: Cell[] = [];
    return {define: wrap()((cell) => defined.push(cell)), defined};
  }
  const never = new Promise<void>(() => {}); // an invalidation that never comes
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("while loading, a body starts only in a later task, with its inputs, and gives its value", async () => {
    const {define, defined} = wrapped(true);
    const calls: unknown[][] = [];
    define({
      id: "a",
      inputs: ["x", "y"],
      body: (...values) => {
        calls.push(values);
        return `${values[0]}+${values[1]}`;
      }
    });
    expect(defined.map((cell) => cell.inputs)).toEqual([["x", "y", "invalidation"]]);
    const value = defined[0].body(1, 2, never);
    await new Promise<void>((resolve) => queueMicrotask(resolve)); // microtasks later: still not run
    expect(calls).toEqual([]);
    expect(await value).toBe("1+2");
    expect(calls).toEqual([[1, 2]]); // the body's own inputs only
  });

  it("two cells whose inputs arrive together run in two tasks", async () => {
    // In one task, a's microtask would run only after b (a, b, a's microtask); in two, before it.
    const {define, defined} = wrapped(true);
    const order: string[] = [];
    define({
      id: "a",
      body: () => {
        queueMicrotask(() => order.push("a's microtask"));
        order.push("a");
      }
    });
    define({id: "b", body: () => order.push("b")});
    await Promise.all(defined.map((cell) => cell.body(never)));
    expect(order).toEqual(["a", "a's microtask", "b"]);
  });

  it("once loaded, a body runs at once; a failing body's error is the promise's", async () => {
    const {define, defined} = wrapped(false);
    define({id: "a", inputs: ["invalidation", "x"], body: (invalidation, x) => [invalidation, (x as number) * 2]});
    expect(defined[0].inputs).toEqual(["invalidation", "x"]); // a cell's own invalidation is used, not added
    expect(defined[0].body(never, 21)).toEqual([never, 42]);
    const failing = wrapped(true);
    const error = new Error("bad cell");
    failing.define({
      id: "b",
      body: () => {
        throw error;
      }
    });
    await expect(failing.defined[0].body(never)).rejects.toBe(error);
  });

  it("with Framework's runtime: a run made stale while it waits never starts its body, and the cell shows the new value", async () => {
    vi.useFakeTimers({toFake: ["setTimeout"]}); // the runtime's own scheduling (setImmediate) stays real
    loading(true);
    const {Runtime} = await import("@observablehq/runtime");
    const main = new Runtime().module();
    const shown: unknown[] = [];
    const calls: unknown[] = [];
    const x = main.variable(true).define("x", [], () => 1);
    wrap()((cell) =>
      main.variable({fulfilled: (value: unknown) => shown.push(value)}).define(cell.id, cell.inputs ?? [], cell.body)
    )({
      id: "y",
      inputs: ["x"],
      body: (value) => {
        calls.push(value);
        return (value as number) * 10;
      }
    });
    const settle = async (until: () => boolean) => {
      for (let i = 0; i < 100 && !until(); i++) await new Promise((resolve) => setImmediate(resolve));
      expect(until()).toBe(true);
    };
    await settle(() => vi.getTimerCount() === 1); // the first run waits for its timer
    x.define("x", [], () => 2); // a control moved before the timer fired
    await settle(() => true);
    await vi.runAllTimersAsync();
    await settle(() => shown.length > 0);
    expect(calls).toEqual([2]); // without the check: [1, 2], the stale run drawn first
    expect(shown).toEqual([20]);
  });
});
