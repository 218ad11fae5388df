import {describe, expect, it} from "vitest";
import config, {pageDescription} from "../observablehq.config.js";

describe("each page's description (observablehq.config.ts)", () => {
  it("is written into the head of the index and every page of the sidebar, its text intact", () => {
    const decode = (text: string) =>
      text
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    for (const path of ["/index", ...config.pages.map((page) => page.path)]) {
      const meta = pageDescription(path);
      const content = /^<meta name="description" content="([^"<>]+)">$/.exec(meta)?.[1];
      expect(content, path).toBeDefined();
      const page = config.pages.find((p) => p.path === path);
      if (page) expect(decode(content!)).toBe(page.description);
      expect(config.head({path}), path).toContain(meta);
    }
  });

  it("is missing for a page not in the sidebar: the build stops, naming the page and where to add it", () => {
    expect(() => pageDescription("/experiment-99")).toThrow(
      /src\/experiment-99\.md has no description: an experiment's page takes it from its definition in data-loaders\/experiments\//
    );
    expect(pageDescription("/404")).toBe(""); // Framework's own page
  });
});
