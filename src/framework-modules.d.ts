// Types for the modules components import that ship none: only the parts this site uses.

// Framework's standard library, as a local module imports it (see src/components/training-data.ts).
declare module "observablehq:stdlib" {
  /** A file Framework copies into the site because a module names it literally. */
  export function FileAttachment(name: string): {
    name: string;
    /** Bytes, as the file was built. */
    size: number;
    href: string;
    url(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
  };
}

// @observablehq/inputs: each input is an element with a settable value that fires "input" events.
declare module "@observablehq/inputs" {
  type Input<V> = HTMLElement & {value: V};
  interface Options<V> {
    label?: string;
    value?: V;
    step?: number;
    format?: (value: V) => string;
  }
  export function range(extent: [number, number], options?: Options<number>): Input<number>;
  export function number(extent: [number, number], options?: Options<number>): Input<number>;
  export function radio<V>(values: V[] | Map<string, V>, options?: Options<V>): Input<V>;
  export function select<V>(values: V[] | Map<string, V>, options?: Options<V>): Input<V>;
  // biome-ignore lint/suspicious/noExplicitAny: rows are any table's
  export function table(data: any[], options?: Record<string, unknown>): Input<any[]>;
}

// htl (Hypertext Literal): tagged templates that build DOM, escaping interpolated values.
declare module "htl" {
  /** Markup as a DOM node: an element, or a fragment for several top-level nodes. */
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}
