// What the pages ask for, found by Observable Framework itself: for each page, the files it
// names in any way Framework accepts (FileAttachment with any literal, <a download href>,
// <img src>, imported modules' attachments, sql front matter...), exactly as Framework's build
// will collect them; and what Framework found wrong while reading each page (a JavaScript
// syntax error, which it renders as an error cell; front matter it cannot parse, which it
// ignores), which its build prints nowhere or only among hundreds of lines.
import {getModuleResolvers, getResolvers} from "@observablehq/framework/dist/resolvers.js";
import {resolvePath} from "@observablehq/framework/dist/path.js";

// Framework colours its messages; the ESC character is built, not written.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'"};
const decodeEntities = (html) => html.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);

/**
 * Reads every page and module of the site as Framework's build does.
 * @returns {Promise<{files: Record<string, string[]>, problems: string[]}>} each file named
 *   (project-relative to the source root, "data/x.arrow") with the pages that name it, and one
 *   line per problem ("src/x.md: SyntaxError: Unexpected token (3:4)").
 */
export async function scanPages(config) {
  const files = {};
  const problems = [];
  const name = (path) => `${config.root}${path}${/\.\w+$/.test(path) ? "" : ".md"}`;
  const add = (page, path, file) => {
    const key = resolvePath(path, file).replace(/^\//, "");
    files[key] ??= [];
    if (!files[key].includes(name(page))) files[key].push(name(page));
  };
  for await (const path of config.paths()) {
    if (path.endsWith(".js")) {
      const resolvers = await getModuleResolvers(path, config);
      for (const file of resolvers.files) add(path, path, file);
      continue;
    }
    if (config.loaders.find(path)) continue; // a file, not a page
    const warnings = [];
    const warn = console.warn;
    console.warn = (...args) => warnings.push(args.join(" "));
    let page;
    try {
      page = await config.loaders.loadPage(path, {path, ...config});
    } finally {
      console.warn = warn;
    }
    for (const warning of warnings) problems.push(`${name(path)}: ${warning.replace(ANSI_COLOUR, "")}`);
    for (const [, message] of page.body.matchAll(/observablehq--error"[^>]*>(SyntaxError: [^<]*)</g))
      problems.push(`${name(path)}: ${decodeEntities(message)}`);
    if (page.data.draft) continue;
    const resolvers = await getResolvers(page, {path, ...config});
    for (const file of [...resolvers.assets, ...resolvers.files]) add(path, path, file);
  }
  return {files, problems: [...new Set(problems)]}; // Framework reads front matter more than once
}
