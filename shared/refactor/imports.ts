/** @module Where a source file imports other project files, and how to spell an import from one path to another. */
import ts from "typescript";
import { dirname, resolveLocal } from "../agents/qa-checks/paths.ts";
import { scriptKindOf } from "./rename.ts";

/** A module specifier in a source file: its text and where the text (inside the quotes) sits. */
export interface SpecifierSite {
  text: string;
  start: number;
  end: number;
}

/** The parsed source of a script file, or null for other files. */
export function parseScript(path: string, content: string): ts.SourceFile | null {
  const kind = scriptKindOf(path);
  return kind === null ? null : ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
}

/** Every string module specifier: `import … from`, `export … from`, `import()`, `require()`, `vi.mock()`. */
export function specifierSites(source: ts.SourceFile): SpecifierSite[] {
  const sites: SpecifierSite[] = [];
  const add = (literal: ts.Node | undefined) => {
    if (literal && ts.isStringLiteralLike(literal)) sites.push({ text: literal.text, start: literal.getStart(source) + 1, end: literal.getEnd() - 1 });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const callee = node.expression.getText(source);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || callee === "require" || /^(vi|jest)\.(mock|doMock|importActual)$/.test(callee)) add(node.arguments[0]);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return sites;
}

/** The project file a relative specifier of `from` means, or null (packages, missing files). */
export function resolveSpecifier(from: string, specifier: string, paths: Set<string>): string | null {
  if (!specifier.startsWith(".")) return null;
  return resolveLocal(from, specifier, (path) => paths.has(path));
}

/**
 * The relative specifier `from` should use for `to`: `./x`, `../a/x`, without the
 * extension unless `keepExtension` (the import it replaces had one).
 * @example relativeSpecifier("src/pages/A.tsx", "src/components/B.tsx", false) // "../components/B"
 */
export function relativeSpecifier(from: string, to: string, keepExtension: boolean): string {
  const fromParts = dirname(from).split("/").filter(Boolean);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const ups = fromParts.length - common;
  const rest = toParts.slice(common).join("/");
  const spelled = (ups ? "../".repeat(ups) : "./") + rest;
  return keepExtension ? spelled : spelled.replace(/\.(tsx?|jsx?|mts|cts|mjs|cjs)$/, "");
}

/** `content` with each site's text replaced (sites of one file, any order). */
export function replaceSites(content: string, replacements: { site: SpecifierSite; text: string }[]): string {
  let out = content;
  for (const { site, text } of [...replacements].sort((a, b) => b.site.start - a.site.start)) out = out.slice(0, site.start) + text + out.slice(site.end);
  return out;
}

/** Whether a specifier names a file with its extension (`./a.tsx`, `./b.js`). */
export const hasExtension = (specifier: string) => /\.(tsx?|jsx?|mts|cts|mjs|cjs)$/.test(specifier);
