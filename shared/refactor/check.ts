/** @module The check a refactor proposal passes before it is shown: the build's own checks over the project with the proposal applied. */
import { checkProject } from "../agents/qa-checks/index.ts";
import type { CheckFinding } from "../agents/types.ts";
import type { ProposalCheck, ProposalEdit } from "../protocol/index.ts";
import { applyEdits } from "./edits.ts";

const key = (finding: CheckFinding) => `${finding.check}|${finding.file}|${finding.message}`;
const asFiles = (files: { path: string; content: string }[]) => files.map((file) => ({ ...file, language: "" }));

/**
 * Runs the QA agent's `checkProject` (every file parsed, imports resolved from
 * the HTML entry as the bundler does, the TypeScript checker) on the project
 * before and after `edits`; the proposal passes when it adds no critical finding.
 * Problems the project already had are not held against it. The sandbox's
 * browser run needs the sandbox runner, so a proposal is not rendered.
 */
export async function checkProposal(files: { path: string; content: string }[], edits: ProposalEdit[]): Promise<ProposalCheck> {
  const before = await checkProject(asFiles(files));
  const after = await checkProject(asFiles(applyEdits(files, edits)));
  const known = new Set(before.findings.filter((f) => f.severity === "critical").map(key));
  const added = after.findings.filter((f) => f.severity === "critical" && !known.has(key(f)));
  return {
    passed: added.length === 0,
    type_checked: after.stats.typeChecked,
    findings: added.slice(0, 50).map((f) => ({ check: f.check, file: f.file, ...(f.line ? { line: f.line } : {}), message: f.message })),
  };
}
