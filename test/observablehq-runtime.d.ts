// The part of Observable's runtime (the one Framework's pages run on; the package has no types)
// that test/page-template.test.ts drives: a module's variables, defined by name and inputs.
declare module "@observablehq/runtime" {
  interface Variable {
    define(name: string | null, inputs: string[], definition: (...inputs: never[]) => unknown): Variable;
  }
  interface Module {
    variable(observer?: boolean | {fulfilled?: (value: unknown) => void}): Variable;
  }
  export class Runtime {
    module(): Module;
  }
}
