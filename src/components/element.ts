// One HTML element with its properties set: what the panels and footers build their DOM from.

/** A new `tag` element with `properties` assigned (textContent, className, type, disabled…). */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {}
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), properties);
}
