/** @module The offline explain agent: what a range of lines declares, calls and renders, and where it sits in the file. */
import type { ExplainInput } from "../agents/types.ts";
import type { ExplainResult } from "../protocol/index.ts";
import { outlineSource } from "./source-outline.ts";
import { wordTable } from "./text.ts";

const HOOKS: Record<string, string> = wordTable({
  useState: "keeps a value in component state; setting it re-renders the component",
  useEffect: "runs a side effect after rendering, again whenever its dependencies change",
  useMemo: "caches a computed value until its dependencies change",
  useCallback: "keeps the same function between renders until its dependencies change",
  useRef: "holds a mutable value (or a DOM element) that survives re-renders without causing one",
  useContext: "reads a value provided higher up the component tree",
  useParams: "reads the URL parameters of the current route",
  useNavigate: "returns a function that changes the route",
});

const KEYWORDS = new Set(["if", "for", "while", "switch", "return", "catch", "function", "typeof", "await", "new"]);

/** The function or component the range sits in: the nearest declaration above it. */
function enclosing(lines: string[], start: number): string | undefined {
  for (let i = start - 1; i >= 0; i--) {
    const match = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s+([A-Za-z_$][\w$]*)|(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\()/.exec(lines[i]!.trim());
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

/** Explains lines `line_start`..`line_end` of the file (clamped to its length). */
export function offlineExplain(input: ExplainInput): ExplainResult {
  const lines = input.content.split("\n");
  const start = Math.min(input.line_start, lines.length);
  const end = Math.min(Math.max(input.line_end, start), lines.length);
  const selected = lines.slice(start - 1, end).join("\n");
  const outline = outlineSource(input.content);
  const declared = outline.exports.filter((symbol) => symbol.line >= start && symbol.line <= end);
  const locals = [...selected.matchAll(/\b(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!).filter((name) => !declared.some((symbol) => symbol.name === name));
  const calls = [...new Set([...selected.matchAll(/\b([A-Za-z_$][\w$.]*)\s*(?:<[^<>()]*>)?\s*\(/g)].map((m) => m[1]!).filter((name) => !KEYWORDS.has(name)))];
  const hooks = calls.filter((name) => HOOKS[name]);
  const elements = [...new Set([...selected.matchAll(/(?<![\w$])<([A-Z][\w.]*)[\s/>]/g)].map((m) => m[1]!))];
  const imported = outline.imports.filter((spec) => selected.includes(spec));
  const inside = declared.length ? undefined : enclosing(lines, start);
  const where = `Lines ${start}–${end} of \`${input.file_path}\``;
  const summaryParts = [
    declared.length ? `declare ${declared.map((symbol) => `${symbol.kind} \`${symbol.name}\``).join(", ")}` : inside ? `are part of \`${inside}\`` : "are top-level code",
    ...(hooks.length ? [`use ${hooks.join(", ")}`] : []),
    ...(elements.length ? [`render ${elements.slice(0, 5).map((name) => `<${name}>`).join(", ")}`] : []),
  ];
  const summary = `${where} ${summaryParts.join("; ")}.`.slice(0, 300);
  const answer = [
    ...(input.question ? [`> ${input.question}`, ""] : []),
    `${summary}`,
    "",
    ...declared.map((symbol) => `- \`${symbol.name}\` (${symbol.kind}): ${symbol.doc ?? "no doc comment"}. Signature: \`${symbol.signature}\`.`),
    ...(locals.length ? [`- Local names: ${[...new Set(locals)].map((name) => `\`${name}\``).join(", ")}.`] : []),
    ...hooks.map((hook) => `- \`${hook}\` ${HOOKS[hook]}.`),
    ...(calls.filter((name) => !HOOKS[name]).length ? [`- Calls: ${calls.filter((name) => !HOOKS[name]).slice(0, 12).map((name) => `\`${name}()\``).join(", ")}.`] : []),
    ...(elements.length ? [`- Renders: ${elements.map((name) => `\`<${name}>\``).join(", ")}.`] : []),
    ...(imported.length ? [`- Imports: ${imported.map((spec) => `\`${spec}\``).join(", ")}.`] : []),
    ...(/\bawait\b/.test(selected) ? ["- It waits for asynchronous work (`await`)."] : []),
    ...(/\.map\(/.test(selected) ? ["- It turns a list into another list (`.map`), e.g. one element per record."] : []),
    ...(/\bif\s*\(|\?\s*[^:]+:/.test(selected) ? ["- It branches on a condition."] : []),
  ].join("\n");
  const symbols = [...new Set([...declared.map((symbol) => symbol.name), ...locals, ...hooks, ...elements])].slice(0, 50);
  return { answer, summary, symbols };
}
