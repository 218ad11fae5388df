// The few shapes of Babel's syntax tree the module scan (module-scan.ts) looks at, and how it
// parses a file.
import type {parse} from "@babel/parser";

// Babel's tree is walked generically: the few node shapes looked at are typed here.
export interface Node {
  type: string;
  loc?: {start: {line: number; column: number}; end: {line: number}};
  [key: string]: unknown;
}
export const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** Visits each node with the start line of the innermost statement or declaration holding it. */
export function walk(node: Node, visit: (node: Node, statement: number) => void, statement = 0): void {
  if (/(Statement|Declaration)$/.test(node.type) && node.loc) statement = node.loc.start.line;
  visit(node, statement);
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments") continue;
    if (Array.isArray(value)) for (const item of value) isNode(item) && walk(item, visit, statement);
    else if (isNode(value)) walk(value, visit, statement);
  }
}

/** A string the code spells out whole: "x", 'x', or `x` without substitutions. */
export function literal(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0)
    return ((node.quasis as Node[])[0].value as {cooked: string}).cooked;
  return undefined;
}

/** The name a node gives: an identifier's, or a string literal's (fs["readFileSync"]). */
export const nameOf = (node: unknown): string | undefined =>
  isNode(node) ? ((node.type === "Identifier" ? node.name : literal(node)) as string | undefined) : undefined;

export const isImportMetaUrl = (node: unknown) =>
  isNode(node) &&
  node.type === "MemberExpression" &&
  isNode(node.object) &&
  node.object.type === "MetaProperty" &&
  nameOf(node.property) === "url";

/** `new URL(<literal>, import.meta.url)`: the file a module starts or reads by its own location. */
export const urlLiteral = (node: unknown): string | undefined => {
  if (!isNode(node) || node.type !== "NewExpression" || nameOf(node.callee) !== "URL") return undefined;
  const [target, base] = node.arguments as Node[];
  return isImportMetaUrl(base) ? literal(target) : undefined;
};

/** A token as Babel 7 gives it with `tokens: true`. */
export interface BabelToken {
  type: string | {label: string};
  value?: unknown;
  loc: {start: {line: number}; end: {line: number}};
}

/** The parser's options for a file: TypeScript or JavaScript, module or CommonJS, with JSX where its extension says. */
export function parserOptions(file: string): Parameters<typeof parse>[1] {
  const commonJs = /\.c[jt]s$/.test(file);
  return {
    sourceType: commonJs ? "script" : "module",
    allowReturnOutsideFunction: commonJs,
    plugins: [
      ...(/\.[cm]?tsx?$/.test(file) ? (["typescript"] as const) : []),
      ...(/x$/.test(file) ? (["jsx"] as const) : [])
    ],
    errorRecovery: false,
    tokens: true
  } as Parameters<typeof parse>[1];
}
