/** @module A real, deterministic refactor: renaming an identifier across TypeScript/JavaScript sources, by syntax tree rather than by text. */
import ts from "typescript";

const KINDS: Record<string, ts.ScriptKind> = { ts: ts.ScriptKind.TS, mts: ts.ScriptKind.TS, cts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, mjs: ts.ScriptKind.JS, cjs: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX };

/** The script kind of a path, or null for files the rename does not touch (CSS, JSON, Markdown, …). */
export function scriptKindOf(path: string): ts.ScriptKind | null {
  return KINDS[path.split(".").pop()?.toLowerCase() ?? ""] ?? null;
}

/**
 * Renames every identifier spelled `from` in `content` to `to` — declarations,
 * references, imports and exports, JSX tags — leaving strings, comments and
 * longer names (`fromX`) untouched.
 * @example renameIdentifier("a.tsx", "export function WalkList() {}\n<WalkList />", "WalkList", "WalkTable").occurrences // 2
 */
export function renameIdentifier(path: string, content: string, from: string, to: string): { content: string; occurrences: number } {
  const kind = scriptKindOf(path);
  if (kind === null || !content.includes(from)) return { content, occurrences: 0 };
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
  const starts: number[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === from) starts.push(node.getStart(source));
    node.forEachChild(visit);
  };
  visit(source);
  if (!starts.length) return { content, occurrences: 0 };
  let out = "";
  let at = 0;
  for (const start of starts.sort((a, b) => a - b)) {
    out += content.slice(at, start) + to;
    at = start + from.length;
  }
  return { content: out + content.slice(at), occurrences: starts.length };
}
