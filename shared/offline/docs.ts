/** @module The offline docs agent: a README for the project, or an API page for one file, derived from the files' manifest, exports and doc comments. */
import type { DocsInput } from "../agents/types.ts";
import type { DocsResult } from "../protocol/index.ts";
import { outlineSource, type ExportedSymbol, type SourceOutline } from "./source-outline.ts";

const CODE = /\.(tsx?|jsx?|mjs|cjs)$/;

function apiSection(outline: SourceOutline, heading: string): string[] {
  if (!outline.exports.length) return [];
  const entry = (symbol: ExportedSymbol) => [`${heading} \`${symbol.name}\` (${symbol.kind}, line ${symbol.line})`, "", "```ts", symbol.signature, "```", ...(symbol.doc ? ["", symbol.doc] : []), ""];
  return outline.exports.flatMap(entry);
}

function packageManifest(input: DocsInput): { name?: string; description?: string; scripts: Record<string, string>; dependencies: string[] } {
  const text = input.files.find((file) => file.path === "package.json")?.content;
  try {
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return {
      ...(typeof json.name === "string" ? { name: json.name } : {}),
      ...(typeof json.description === "string" ? { description: json.description } : {}),
      scripts: (json.scripts ?? {}) as Record<string, string>,
      dependencies: Object.keys({ ...(json.dependencies as object), ...(json.devDependencies as object) }),
    };
  } catch {
    return { scripts: {}, dependencies: [] };
  }
}

/** A page documenting one file: its purpose, imports and every export with signature and doc comment. */
function fileDocs(input: DocsInput, path: string): DocsResult {
  const file = input.files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no file ${path} in the project`);
  const outline = outlineSource(file.content);
  const lines = file.content.split("\n").length;
  const purpose = outline.summary ?? outline.exports.find((symbol) => symbol.doc)?.doc ?? `\`${path}\` (${file.language}, ${lines} lines).`;
  const markdown = [
    `# ${path}`,
    "",
    purpose,
    "",
    `- Language: ${file.language}; ${lines} lines; ${outline.exports.length} export${outline.exports.length === 1 ? "" : "s"}.`,
    ...(outline.imports.length ? [`- Imports: ${outline.imports.map((name) => `\`${name}\``).join(", ")}.`] : []),
    ...(outline.routes.length ? [`- Routes: ${outline.routes.map((route) => `\`${route}\``).join(", ")}.`] : []),
    "",
    ...(outline.exports.length ? ["## API", "", ...apiSection(outline, "###")] : ["This file exports nothing: it is used for its side effects or its content."]),
  ].join("\n");
  const names = outline.exports.map((symbol) => symbol.name);
  return {
    path: `docs/${path.replace(/\.[^./]+$/, "")}.md`,
    title: path,
    markdown,
    summary: names.length ? `${path} exports ${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""}.` : `${path} exports nothing.`,
  };
}

/** A README for the whole project: what it is, how to run it, its routes, and the API of every source file. */
function projectDocs(input: DocsInput): DocsResult {
  const manifest = packageManifest(input);
  const title = input.app_name ?? manifest.name ?? "Project";
  const sources = input.files.filter((file) => CODE.test(file.path) && !/\.config\.[tj]s$/.test(file.path)).sort((a, b) => a.path.localeCompare(b.path));
  const outlines = sources.map((file) => ({ file, outline: outlineSource(file.content) }));
  const routes = [...new Set(outlines.flatMap(({ outline }) => outline.routes))];
  const exported = outlines.reduce((sum, { outline }) => sum + outline.exports.length, 0);
  const description = input.description ?? manifest.description;
  const markdown = [
    `# ${title}`,
    "",
    ...(description ? [description, ""] : []),
    `${input.files.length} files, ${sources.length} of them source files with ${exported} exports.`,
    "",
    ...(Object.keys(manifest.scripts).length ? ["## Scripts", "", "```bash", "npm install", ...Object.keys(manifest.scripts).map((name) => `npm run ${name}   # ${manifest.scripts[name]}`), "```", ""] : []),
    ...(manifest.dependencies.length ? ["## Dependencies", "", manifest.dependencies.map((name) => `\`${name}\``).join(", "), ""] : []),
    ...(routes.length ? ["## Routes", "", ...routes.map((route) => `- \`${route}\``), ""] : []),
    "## Files",
    "",
    ...input.files.map((file) => file.path).sort().map((path) => {
      const outline = outlines.find((entry) => entry.file.path === path)?.outline;
      const about = outline?.summary ?? outline?.exports.find((symbol) => symbol.doc)?.doc;
      return `- \`${path}\`${about ? ` — ${about}` : ""}`;
    }),
    "",
    "## API",
    "",
    ...outlines.filter(({ outline }) => outline.exports.length).flatMap(({ file, outline }) => [`### ${file.path}`, "", ...apiSection(outline, "####")]),
  ].join("\n");
  return {
    path: "README.md",
    title,
    markdown,
    summary: `${title}: ${sources.length} source files${routes.length ? `, ${routes.length} routes` : ""}, ${exported} exported symbols.`,
  };
}

/** Writes the README (no `file_path`) or one file's API page. */
export function offlineDocs(input: DocsInput): DocsResult {
  return input.file_path ? fileDocs(input, input.file_path) : projectDocs(input);
}
