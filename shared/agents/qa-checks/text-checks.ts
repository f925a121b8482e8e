/** @module Checks of the files the TypeScript parser does not read: CSS braces and the HTML entry. */
import type { CheckFinding } from "../types.ts";
import { lineColumn } from "./paths.ts";

/** Unbalanced braces and unclosed comments or strings in a stylesheet. */
export function checkCss(path: string, text: string): CheckFinding[] {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return [cssFinding(path, text, i, "comment is never closed", "Close the comment with */.")];
      i = end + 1;
    } else if (char === '"' || char === "'") {
      const end = text.indexOf(char, i + 1);
      const newline = text.indexOf("\n", i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) return [cssFinding(path, text, i, "string is never closed", `Close the string with ${char}.`)];
      i = end;
    } else if (char === "{") open.push(i);
    else if (char === "}") {
      if (open.pop() === undefined) return [cssFinding(path, text, i, "'}' closes no block", "Remove the extra '}' or open its block.")];
    }
  }
  const unclosed = open.pop();
  return unclosed === undefined ? [] : [cssFinding(path, text, unclosed, "'{' is never closed", "Close the block with '}'.")];
}

function cssFinding(file: string, text: string, index: number, message: string, suggestion: string): CheckFinding {
  return { severity: "critical", check: "parse", file, ...lineColumn(text, index), message: `CSS syntax error: ${message}`, suggestion };
}

/** The module scripts of an HTML page with the offset of each tag. */
export function moduleScripts(html: string): { src: string; index: number }[] {
  const scripts: { src: string; index: number }[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attributes = match[1] ?? "";
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1];
    if (src && /\btype\s*=\s*["']module["']/i.test(attributes)) scripts.push({ src, index: match.index ?? 0 });
  }
  return scripts;
}
