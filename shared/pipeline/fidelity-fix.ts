/**
 * @module Fidelity misses in the fix loop: QA's fidelity findings as failures, the site map and
 * requirements a fix pass revises for them (a page for a missing record, none for a foreign one,
 * a feature for a record the idea names), and the files that revision adds, rewrites and removes.
 */
import { planFiles } from "../agents/file-plan.ts";
import { addUsage, validateTaskOutput, type AgentContext, type AgentModel, type AgentUsage, type PlannedFile, type ProjectFile } from "../agents/index.ts";
import { checkFidelity } from "../agents/qa-checks/fidelity.ts";
import { roleOf } from "../offline/domain.ts";
import { featureOf } from "../offline/research.ts";
import { entityListPage, listPath, profileOfRequirements } from "../offline/wireframe.ts";
import type { CodeGenerationResult, QAResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import type { Failure } from "./fix-failures.ts";

/** The app as a fix pass finds it. */
export interface AppState {
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  files: ProjectFile[];
}

/** The files whose content follows the site map or the records: they are rewritten when pages come or go. */
const SITE_FILES = ["src/App.tsx", "src/components/Layout.tsx", "src/data/models.ts", "src/App.test.tsx", "README.md"];

/** QA's fidelity issues as failures of the loop, with their kind and subject. */
export const qaFidelityFailures = (qa: QAResult | undefined): Failure[] =>
  (qa?.issues ?? []).filter((issue) => issue.check === "fidelity").map((issue) => ({
    check: "fidelity", message: `${issue.description} (${issue.suggestion})`,
    ...(issue.kind ? { kind: issue.kind } : {}), ...(issue.subject ? { subject: issue.subject } : {}),
  }));

/** The fidelity misses of the app now: the same check QA runs, on the files after the revisions so far. */
export const fidelityFailures = (idea: string | undefined, app: AppState): Failure[] =>
  checkFidelity({ ...(idea ? { idea } : {}), requirements: app.requirements, wireframe: app.wireframe, files: app.files }).map((finding) => ({
    check: "fidelity", message: `${finding.file} [fidelity] ${finding.message} (${finding.suggestion})`,
    ...(finding.kind ? { kind: finding.kind } : {}), ...(finding.subject ? { subject: finding.subject } : {}),
  }));

/** What a fix pass changes for the fidelity failures. */
export interface FidelityRevision {
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  /** Whether the requirements or the site map changed (then the project's specs are written). */
  revised: boolean;
  /** Planned files the revised site map adds: written fresh. */
  added: PlannedFile[];
  /** Existing files to rewrite with the failures as instruction. */
  targets: string[];
  /** Files of pages (and their tests and components) the revised site map no longer has. */
  removed: string[];
}

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/**
 * The requirements and site map revised for `failures`' fidelity misses: a record the idea names
 * becomes a must-have feature and a page; a record without a page gets its list page; a foreign
 * page and the pages under it go. Also which files that adds, removes and rewrites.
 */
export function reviseForFidelity(app: AppState, failures: Failure[]): FidelityRevision {
  const misses = failures.filter((f) => f.check === "fidelity" && f.subject);
  let { requirements, wireframe } = app;
  const of = (kind: Failure["kind"]) => [...new Set(misses.filter((f) => f.kind === kind).map((f) => f.subject!))];

  const recordsOf = (doc: RequirementsDoc) => profileOfRequirements(doc).entities.map((e) => e.name);
  for (const name of of("uncovered_entity")) {
    const profile = profileOfRequirements(requirements);
    const feature = featureOf({ name, role: roleOf(name) }, profile, profile.entities.length);
    const next = { ...requirements, core_features: [...requirements.core_features, { ...feature, priority: "must-have" as const }] };
    // Features not named as the engine names them (an LLM's) are read differently once one is: keep every record they had.
    if (recordsOf(requirements).every((record) => recordsOf(next).includes(record))) requirements = next;
  }
  const wanted = [...new Set([...of("missing_entity"), ...of("uncovered_entity")])];
  const foreign = of("foreign_page");
  const site_map = wireframe.site_map.filter((page) => !foreign.some((root) => under(page.path, root)));
  for (const name of wanted) {
    const page = entityListPage(requirements, name);
    if (!site_map.some((p) => p.path === page.path)) site_map.push(page);
  }
  const revised = requirements !== app.requirements || site_map.length !== wireframe.site_map.length || site_map.some((p, i) => p !== wireframe.site_map[i]);
  if (revised) wireframe = { ...wireframe, site_map };

  const paths = new Set(app.files.map((f) => f.path));
  const before = planFiles(app.wireframe);
  const after = planFiles(wireframe);
  const planned = new Set(after.map((f) => f.path));
  const added = after.filter((f) => !paths.has(f.path));
  const removed = before.filter((f) => !planned.has(f.path) && paths.has(f.path)).map((f) => f.path);
  const featurePages = of("missing_feature").map((name) => after.find((f) => f.kind === "page" && f.route === listPath({ name }))?.path);
  // A record's route may be missing from the code while its page is in the site map: the site files are rewritten either way.
  const targets = [...(wanted.length || foreign.length ? SITE_FILES : []), ...featurePages].filter((path): path is string => !!path && paths.has(path));
  return { requirements, wireframe, revised, added, targets: [...new Set(targets)], removed };
}

/** The files of the pages a revision adds, written fresh by the code agent as the code stage writes them. */
export async function writeAddedFiles(revision: FidelityRevision, context: AgentContext, model: AgentModel): Promise<{ output: CodeGenerationResult[]; usage: AgentUsage }> {
  const plan = revision.added.length ? planFiles(revision.wireframe) : [];
  const output: CodeGenerationResult[] = [];
  const usages: AgentUsage[] = [];
  for (const file of revision.added) {
    context.signal?.throwIfAborted();
    const answer = await model.run("code", { requirements: revision.requirements, wireframe: revision.wireframe, plan, file }, context);
    usages.push(answer.usage);
    output.push({ ...validateTaskOutput("code", answer.output), file_path: file.path, language: file.language });
  }
  return { output, usage: addUsage(...usages) };
}
