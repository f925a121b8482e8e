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
  // Counted per kind of finding, so a second copy of a problem the project had still counts as new.
  const known = new Map<string, number>();
  for (const finding of before.findings) if (finding.severity === "critical") known.set(key(finding), (known.get(key(finding)) ?? 0) + 1);
  const added = after.findings.filter((f) => {
    if (f.severity !== "critical") return false;
    const left = known.get(key(f)) ?? 0;
    known.set(key(f), left - 1);
    return left <= 0;
  });
  return {
    passed: added.length === 0,
    type_checked: after.stats.typeChecked,
    findings: added.slice(0, 50).map((f) => ({ check: f.check, file: f.file, ...(f.line ? { line: f.line } : {}), message: f.message })),
  };
}
