/** @module How the offline engine takes the owner's review comments into account: deterministic, visible changes to the site map and the code. */
import type { CodeGenerationResult, WireframeSpec } from "../protocol/index.ts";
import { clip, plural, singular, titleCase } from "./text.ts";

/** What the description of a page the owner asked for in design review says, so fidelity checks leave it be. */
export const REVIEW_PAGE = "added in design review";

/** "add a reports page", "include an invoices screen", "a page for reports" → "reports". */
function requestedPage(comment: string): string | null {
  const named = /\b(?:add|include|need|want|create)\b[^.;]*?\b(?:an?|the|one)?\s*([a-z][a-z ]{1,30}?)\s+(?:page|screen|view)\b/i.exec(comment);
  const forWhat = /\b(?:page|screen|view)\s+(?:for|about|listing|showing)\s+(?:the\s+)?([a-z][a-z ]{1,30}?)(?:[.,;!]|$)/i.exec(comment);
  const words = (named?.[1] ?? forWhat?.[1])?.trim().toLowerCase().split(/\s+/).filter((w) => !["new", "a", "an", "the", "separate", "dedicated"].includes(w));
  if (!words?.length) return null;
  // The page lists things: "report page" and "reports page" are both /reports.
  return [...words.slice(0, -1), plural(singular(words.at(-1)!))].join(" ");
}

const oneLine = (comment: string) => clip(comment.replace(/\s+/g, " ").trim(), 300);

/**
 * The site map revised after design review: each comment is recorded in
 * `global_state_needs` as a review note, and a comment asking for a page
 * ("add a reports page") adds that page with a panel component.
 * @example reviseWireframe(spec, ["Add a reports page"]).site_map.at(-1)?.path // "/reports"
 */
export function reviseWireframe(spec: WireframeSpec, comments: string[]): WireframeSpec {
  if (!comments.length) return spec;
  const site_map = [...spec.site_map];
  for (const comment of comments) {
    const page = requestedPage(comment);
    if (!page) continue;
    const path = `/${page.replace(/\s+/g, "-")}`;
    if (site_map.some((p) => p.path === path)) continue;
    const name = titleCase(page).replace(/\s+/g, "");
    site_map.push({
      path,
      description: `${titleCase(page)}: ${REVIEW_PAGE} ("${oneLine(comment)}").`,
      components: [{ name: `${name}Panel`, props: [], children: [] }],
    });
  }
  return { ...spec, site_map, global_state_needs: [...spec.global_state_needs, ...comments.map((c) => `design review: ${oneLine(c)}`)] };
}

/**
 * A generated file revised after feature review: the README gains a
 * "Changes from review" section and the App a header naming the requests;
 * other files are unchanged.
 */
export function reviseCodeFile(result: CodeGenerationResult, comments: string[]): CodeGenerationResult {
  if (!comments.length) return result;
  const lines = comments.map(oneLine);
  if (result.file_path === "README.md") {
    return { ...result, code: `${result.code.trimEnd()}\n\n## Changes from review\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`, explanation: `${result.explanation} Revised after review.` };
  }
  if (result.file_path === "src/App.tsx") {
    return { ...result, code: `${lines.map((l) => `// Requested in feature review: ${l}`).join("\n")}\n${result.code}`, explanation: `${result.explanation} Revised after review.` };
  }
  return result;
}
