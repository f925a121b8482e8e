/** @module The offline QA reviewer: rule-based checks of what a parser cannot see (routes, must-have features, security, accessibility). */
import type { QaReviewInput } from "../agents/types.ts";
import type { QAIssue, QAResult } from "../protocol/index.ts";
import { routeWords } from "./sense.ts";
import { singular } from "./text.ts";

const SECRET = /(sk-[A-Za-z0-9]{20,}|sk_live_[A-Za-z0-9]{10,}|service_role|SUPABASE_SERVICE_ROLE_KEY|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

/** 1-based line of the first match of `pattern` in `text`. */
const lineOf = (text: string, pattern: RegExp) => {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split("\n").length : undefined;
};

/**
 * Reviews the generated files without a model: every site-map route has a
 * `<Route>`, every must-have feature shows in the code, no secrets or raw HTML
 * injection, images have alt text, no leftover TODOs. Deterministic.
 */
export function offlineQaReview(input: QaReviewInput): QAResult {
  const issues: QAIssue[] = [];
  const code = input.files.filter((f) => /\.(tsx?|jsx?)$/.test(f.path));
  const all = code.map((f) => f.content).join("\n").toLowerCase();
  const app = input.files.find((f) => /(^|\/)App\.(t|j)sx?$/.test(f.path));
  const routes = input.wireframe?.site_map.map((page) => page.path.trim()) ?? [];
  for (const path of routes) {
    const declared = app && (app.content.includes(`path="${path}"`) || app.content.includes(`path: "${path}"`) || app.content.includes(`path={"${path}"}`) || app.content.includes(`path='${path}'`));
    if (!declared) issues.push({ severity: "warning", description: `${app?.path ?? "src/App.tsx"}: the site map's route ${path} has no <Route>.`, suggestion: `Add <Route path="${path}" element={…} /> so the page can be reached.` });
  }
  const musts = input.requirements?.core_features.filter((f) => f.priority === "must-have") ?? [];
  for (const feature of musts) {
    const words = (feature.name.toLowerCase().match(/[a-z]{4,}/g) ?? []).map(singular).filter((w) => !["core", "management", "directory", "profile", "scheduling", "catalogue", "board", "editor", "record", "list"].includes(w));
    if (words.length > 0 && !words.some((w) => all.includes(w))) {
      issues.push({ severity: "warning", description: `Must-have feature "${feature.name}" does not show in the code (none of: ${words.join(", ")}).`, suggestion: "Add a page or component for it, or lower its priority." });
    }
  }
  for (const file of code) {
    const secret = lineOf(file.content, SECRET);
    if (secret) issues.push({ severity: "critical", description: `${file.path}:${secret}: a secret key is in browser code.`, suggestion: "Remove it; call a server function that holds the key instead." });
    const html = lineOf(file.content, /dangerouslySetInnerHTML/);
    if (html) issues.push({ severity: "warning", description: `${file.path}:${html}: dangerouslySetInnerHTML renders raw HTML (XSS risk).`, suggestion: "Render text as JSX children, or sanitise the HTML first." });
    const img = lineOf(file.content, /<img\b(?![^>]*\balt=)[^>]*>/);
    if (img) issues.push({ severity: "warning", description: `${file.path}:${img}: an image has no alt text.`, suggestion: 'Add alt="…" (or alt="" for decoration).' });
    const clickable = lineOf(file.content, /<div\b[^>]*\bonClick=/);
    if (clickable) issues.push({ severity: "warning", description: `${file.path}:${clickable}: a <div> handles clicks; keyboard users cannot reach it.`, suggestion: "Use a <button> (or add role, tabIndex and key handling)." });
    const todo = lineOf(file.content, /\b(TODO|FIXME)\b/);
    if (todo) issues.push({ severity: "info", description: `${file.path}:${todo}: a TODO is left in the code.`, suggestion: "Finish it or track it as an issue." });
    const log = lineOf(file.content, /console\.log\(/);
    if (log) issues.push({ severity: "info", description: `${file.path}:${log}: console.log left in the code.`, suggestion: "Remove debugging output before shipping." });
  }
  if (!input.files.some((f) => /^readme\.md$/i.test(f.path))) issues.push({ severity: "info", description: "README.md is missing.", suggestion: "Say what the app does and how to run it." });
  const covered = routes.filter((path) => routeWords(path).length === 0 || all.includes(routeWords(path)[0]!)).length;
  const critical = issues.some((i) => i.severity === "critical");
  const fidelity = input.findings.filter((f) => f.check === "fidelity").length;
  return {
    passed: !critical,
    issues,
    summary: `Rule-based review by the offline engine (no AI model): ${routes.length} routes checked (${covered} named in the code), ${musts.length} must-have features traced, ${fidelity ? `${fidelity} fidelity findings (records of the idea and requirements without their page, or pages about something else)` : "every record of the idea and requirements has its page"}, security and accessibility patterns scanned; ${issues.length} findings.`,
  };
}
