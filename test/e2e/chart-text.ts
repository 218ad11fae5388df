// What a reader sees of a chart's text: every SVG <text> of every chart in the page's main
// column, as the browser laid it out with the fonts it has. Two texts of one chart that cover
// each other, or a text that reaches past its chart's box, is a fault. Runs inside the page
// (`page.evaluate(CHART_TEXT_FAULTS)`, a script rather than a function,
// since tsx's esbuild would wrap a function's inner functions in a helper the page lacks), so it works the same in Chromium and in Firefox.

/** One text that overlaps another or leaves its chart. */
export interface ChartTextFault {
  chart: string;
  text: string;
  problem: string;
}

/**
 * The faults in the page's charts (`#observablehq-main svg` holding text). A text's box is its
 * bounding client rectangle; boxes may touch, and must overlap by more than `slack` px both
 * ways to count, since a line's box includes the font's ascent and descent.
 */
export const CHART_TEXT_FAULTS = `(function chartTextFaults(slack) {
  const faults = [];
  const visible = (e) => {
    const style = getComputedStyle(e);
    return style.display !== "none" && style.visibility !== "hidden" && Number(style.opacity) > 0;
  };
  const svgs = Array.from(document.querySelectorAll("#observablehq-main svg")).filter(
    (svg) => !svg.parentElement?.closest("svg") && svg.querySelector("text")
  );
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue; // hidden chart (a closed <details>)
    const name =
      svg.querySelector(".chart-title")?.textContent?.trim() ||
      svg.getAttribute("aria-label") ||
      svg.getAttribute("class") ||
      "chart";
    const texts = Array.from(svg.querySelectorAll("text"))
      .filter((t) => t.textContent?.trim() && visible(t))
      .map((t) => ({label: t.textContent.trim(), rect: t.getBoundingClientRect()}))
      .filter((t) => t.rect.width > 0);
    for (const t of texts) {
      const r = t.rect;
      if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack)
        faults.push({chart: name, text: t.label, problem: "reaches past the chart's edge"});
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i].rect, texts[j].rect];
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > slack && dy > slack)
          faults.push({chart: name, text: texts[i].label + " / " + texts[j].label, problem: "overlap"});
      }
  }
  return faults;
})(1)`;
