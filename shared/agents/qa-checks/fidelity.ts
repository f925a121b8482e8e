/** @module QA's fidelity check: the app is the one asked for. Every record the requirements name has a page with a list and a form, no page is about a record they lack, and they cover every record the idea names. */
import { entityHasPage, pageWords, tokens } from "../../offline/fidelity.ts";
import { recordsNamed } from "../../offline/record-model.ts";
import { readerText } from "../../offline/spelling.ts";
import { REVIEW_PAGE } from "../../offline/revisions.ts";
import { plural } from "../../offline/text.ts";
import { listPath, profileOfRequirements } from "../../offline/wireframe.ts";
import type { FidelityKind, RequirementsDoc, WireframeSpec } from "../../protocol/index.ts";
import type { CheckFinding, ProjectFile } from "../types.ts";

/** Pages every app may have that are about no record. */
const UTILITY_PAGES = new Set("settings account profile login signin signup register logout about contact help search dashboard home admin notification onboarding privacy term".split(" "));

const ROUTE = /<Route\b[^>]*\bpath=(?:"([^"]+)"|'([^']+)'|\{"([^"]+)"\})|\bpath:\s*["']([^"']+)["']/g;

/** The routes the app declares (App.tsx or its router), else the site map's. */
function routesOf(files: ProjectFile[], wireframe: WireframeSpec | undefined): { paths: string[]; file: string } {
  const app = files.find((f) => /(^|\/)App\.(t|j)sx?$/.test(f.path));
  const declared = app ? [...app.content.matchAll(ROUTE)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!) : [];
  return { paths: declared.length ? declared : (wireframe?.site_map.map((p) => p.path) ?? []), file: app?.path ?? "src/App.tsx" };
}

/** Source files about `record`: their path names it (`FuelReceiptForm.tsx`, `pages/FuelReceiptsPage.tsx`). */
function filesAbout(files: ProjectFile[], record: string): ProjectFile[] {
  const words = tokens(record);
  return files.filter((f) => /\.(t|j)sx$/.test(f.path) && words.every((w) => tokens((f.path.split("/").pop() ?? "").replace(/([a-z])([A-Z])/g, "$1 $2")).includes(w)));
}

/** Whether the idea's record `named` is among the requirements' `records` (same words, or the same head noun). */
const covers = (records: string[], named: string) => records.some((r) => r === named || tokens(r).at(-1) === tokens(named).at(-1));

/**
 * Fidelity findings (warnings, with the fix as suggestion) for an app: records of the
 * requirements without a route, a list or a form; pages about no record of theirs;
 * records the idea names that the requirements dropped.
 */
export function checkFidelity(input: { idea?: string; requirements?: RequirementsDoc; wireframe?: WireframeSpec; files: ProjectFile[] }): CheckFinding[] {
  if (!input.requirements) return [];
  const findings: CheckFinding[] = [];
  const warn = (kind: FidelityKind, subject: string, file: string, message: string, suggestion: string) =>
    findings.push({ severity: "warning", check: "fidelity", kind, subject, file, message, suggestion });
  const records = profileOfRequirements(input.requirements).entities.map((e) => e.name);
  const { paths, file: appFile } = routesOf(input.files, input.wireframe);

  for (const record of records) {
    if (!entityHasPage(paths, record)) {
      warn("missing_entity", record, appFile, `the requirements' record "${record}" has no page.`, `Add a route ${listPath({ name: record })} listing ${plural(record)} with a form to add one.`);
      continue;
    }
    const code = filesAbout(input.files, record).map((f) => f.content).join("\n");
    if (!/<form\b|onSubmit/.test(code)) warn("missing_feature", record, appFile, `the ${record} page has no form: ${plural(record)} cannot be added.`, `Add a ${record} form (a <form> with onSubmit) to the ${listPath({ name: record })} page.`);
    if (!/\.map\(/.test(code)) warn("missing_feature", record, appFile, `the ${record} page lists no ${plural(record)}.`, `Add a list or table of ${plural(record)} to the ${listPath({ name: record })} page.`);
  }
  // A page about something the requirements' features mention (an LLM's /calendar for "a calendar of classes") is theirs too.
  const recordWords = new Set([...records.flatMap(tokens), ...input.requirements.core_features.flatMap((f) => tokens(`${f.name} ${f.description}`))]);
  // A page the owner asked for in design review is theirs to keep, whatever the requirements say.
  const requested = new Set(input.wireframe?.site_map.filter((page) => page.description.includes(REVIEW_PAGE)).map((page) => page.path));
  for (const path of paths) {
    const words = pageWords(path);
    if (words.length === 0 || requested.has(path) || words.some((w) => recordWords.has(w) || UTILITY_PAGES.has(w))) continue;
    warn("foreign_page", path, appFile, `the page ${path} is about something the requirements do not have.`, `Remove ${path}, or add what it shows to the requirements as a feature.`);
  }
  if (input.idea) {
    for (const { name } of recordsNamed(readerText(input.idea))) {
      if (!covers(records, name)) warn("uncovered_entity", name, "requirements", `the idea names ${plural(name)}, but the requirements have no ${name} record.`, `Add a must-have feature for ${plural(name)} to the requirements, then a page ${listPath({ name })}.`);
    }
  }
  return findings;
}
