/** @module The QA agent: real checks of the generated app (parse, resolve, type check) plus the model's review → a QAResult. */
import type { QAIssue, QAResult } from "../protocol/index.ts";
import { checkFidelity } from "./qa-checks/fidelity.ts";
import { checkProject, where, type CheckOptions, type CheckReport } from "./qa-checks/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, CheckFinding, QaReviewInput } from "./types.ts";

/** What the QA agent checks. */
export type QaInput = Omit<QaReviewInput, "findings">;

/** Most info findings kept in the result (dead files and the like); warnings and criticals are all kept. */
const MAX_INFO = 10;

/** A static finding as a `QAIssue`: the description names file and line; the issue keeps its check (and a fidelity finding's kind and subject). */
export function findingToIssue(finding: CheckFinding): QAIssue {
  return {
    severity: finding.severity, description: `${where(finding)} [${finding.check}] ${finding.message}`, suggestion: finding.suggestion, check: finding.check,
    ...(finding.kind ? { kind: finding.kind } : {}), ...(finding.subject ? { subject: finding.subject } : {}),
  };
}

/**
 * Checks `input.files` for real (`checkProject`: every file parsed, imports
 * resolved from index.html, TypeScript type check) and for fidelity to the idea
 * and requirements (`checkFidelity`), then asks the model to
 * review what checks cannot see. Issues are the checks' findings followed by
 * the review's; `passed` is false when any issue is critical.
 * @example const { output } = await runQaAgent({ files, requirements, wireframe }, {}, model); output.passed
 */
export async function runQaAgent(input: QaInput, context: AgentContext, model: AgentModel, options: CheckOptions = {}): Promise<AgentAnswer<QAResult> & { report: CheckReport }> {
  const checked = await checkProject(input.files, options);
  // Fidelity (the app is the one asked for) is checked the same way whichever model wrote it.
  const report: CheckReport = { ...checked, findings: [...checked.findings, ...checkFidelity(input)] };
  context.signal?.throwIfAborted();
  const review = await model.run("qa", { ...input, findings: report.findings }, context);
  const reviewed = validateTaskOutput("qa", review.output);
  const infos = report.findings.filter((finding) => finding.severity === "info");
  const issues = [
    ...report.findings.filter((finding) => finding.severity !== "info").map(findingToIssue),
    ...infos.slice(0, MAX_INFO).map(findingToIssue),
    ...reviewed.issues,
  ];
  const count = (severity: QAIssue["severity"]) => issues.filter((issue) => issue.severity === severity).length;
  const critical = count("critical");
  const { stats } = report;
  const checks = `Static checks: ${stats.parsed} of ${stats.files} files parsed, ${stats.reachable} modules bundled from index.html, ${stats.typeChecked ? "type check run" : "type check skipped"} in ${Math.round(stats.ms.total)} ms: ${critical} critical, ${count("warning")} warnings, ${count("info")} notes.`;
  const output: QAResult = { passed: critical === 0, issues, summary: `${critical === 0 ? "Passed." : "Failed."} ${checks} Review: ${reviewed.summary}` };
  return { ...review, output, report };
}
