// The notice every result page shows when the build trained on part of MNIST (TRAIN_LIMIT), so a
// preview's numbers are never mistaken for the report's.

/**
 * A "Preview build" warning when `trainLimit` (from an experiment's settings or summary table) is
 * above 0, else an empty fragment; `extra` adds a sentence (why this page's numbers differ).
 */
export function previewWarning({trainLimit}: {trainLimit: number}, extra = ""): Node {
  if (!(trainLimit > 0)) return document.createDocumentFragment();
  const warning = document.createElement("div");
  warning.className = "warning";
  warning.setAttribute("label", "Preview build");
  const code = document.createElement("code");
  code.textContent = `TRAIN_LIMIT=${trainLimit}`;
  const build = document.createElement("code");
  build.textContent = "npm run build";
  warning.append(
    `Trained on the first ${trainLimit.toLocaleString("en")} training images only (`,
    code,
    "): these are not the report's results. Run ",
    build,
    ` without it for the real ones.${extra ? ` ${extra}` : ""}`
  );
  return warning;
}
