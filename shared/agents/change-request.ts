/** @module Reads a follow-up instruction ("make the header blue") into what it changes, and picks the files it touches. */
import { words } from "../embeddings/feature-hashing.ts";
import type { ProjectFile } from "./types.ts";

/** What an instruction asks for, as far as rules can tell. */
export type ChangeRequest =
  | { kind: "style"; selector: string; declarations: Record<string, string> }
  | { kind: "rename"; name: string }
  | { kind: "other" };

const COLORS: Record<string, string> = {
  blue: "#2563eb", red: "#dc2626", green: "#16a34a", yellow: "#eab308", orange: "#ea580c", purple: "#9333ea",
  pink: "#db2777", teal: "#0d9488", black: "#111827", white: "#ffffff", gray: "#6b7280", grey: "#6b7280", navy: "#1e3a8a",
};

/** Parts of the generated app (shared/offline/code) by the words people use for them. */
const TARGETS: { pattern: RegExp; selector: string; colorProperty: "background" | "color" }[] = [
  { pattern: /\b(header|navbar|nav ?bar|top ?bar|navigation|menu)\b/i, selector: ".topbar", colorProperty: "background" },
  { pattern: /\bfooter\b/i, selector: ".footer", colorProperty: "background" },
  { pattern: /\bbuttons?\b/i, selector: "button", colorProperty: "background" },
  { pattern: /\b(titles?|headings?|h1)\b/i, selector: ".page-header h1", colorProperty: "color" },
  { pattern: /\blinks?\b/i, selector: "a", colorProperty: "color" },
  { pattern: /\b(background|page|body)\b/i, selector: "body", colorProperty: "background" },
];

/**
 * The change `instruction` asks for: a style (a colour or size of a part of
 * the app), a new app name, or something rules cannot read.
 * @example parseChange("make the header blue") // { kind: "style", selector: ".topbar", declarations: { background: "#2563eb" } }
 */
export function parseChange(instruction: string): ChangeRequest {
  const rename = instruction.match(/\b(?:rename|call)\s+(?:the\s+app|it)\s+(?:to\s+)?["“']?([^"”']{1,60}?)["”']?\s*\.?$/i);
  if (rename) return { kind: "rename", name: rename[1]!.trim() };
  const target = TARGETS.find((t) => t.pattern.test(instruction)) ?? null;
  const hex = instruction.match(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/i)?.[0];
  const named = Object.keys(COLORS).find((name) => new RegExp(`\\b${name}\\b`, "i").test(instruction));
  const color = hex ?? (named ? COLORS[named] : undefined);
  const declarations: Record<string, string> = {};
  if (color) {
    const textual = /\b(text|font|writing)\b/i.test(instruction);
    const property = textual ? "color" : (target?.colorProperty ?? "background");
    declarations[property] = color;
    if (property === "background" && target && target.selector !== "body") declarations.color = color === "#ffffff" ? "#111827" : "#ffffff";
  }
  if (/\b(bigger|larger)\b/i.test(instruction)) declarations["font-size"] = "1.25em";
  if (/\bsmaller\b/i.test(instruction)) declarations["font-size"] = "0.875em";
  if (Object.keys(declarations).length) return { kind: "style", selector: target?.selector ?? "body", declarations };
  return { kind: "other" };
}

/** The files an instruction touches: the stylesheet for a style, files naming the app for a rename, else files mentioning its words. */
export function filesForChange(instruction: string, files: ProjectFile[], appName: string): ProjectFile[] {
  const change = parseChange(instruction);
  if (change.kind === "style") {
    const styles = files.filter((file) => file.path.endsWith(".css"));
    if (styles.length) return styles.slice(0, 1);
  }
  if (change.kind === "rename") {
    const naming = files.filter((file) => file.content.includes(appName));
    if (naming.length) return naming;
  }
  const keywords = words(instruction).filter((word) => word.length > 3);
  const scored = files
    .map((file) => ({ file, score: keywords.filter((word) => file.content.toLowerCase().includes(word)).length }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
  // What rules cannot apply is at least recorded in the README (see applyOfflineChange).
  const readme = files.find((file) => file.path === "README.md");
  const picked = [...scored.slice(0, 3).map((entry) => entry.file), ...(readme ? [readme] : [])];
  return [...new Set(picked)].length ? [...new Set(picked)] : files.slice(0, 1);
}
