/**
 * @module A refactor proposal in the sandbox, as a build is run: attempt 1 runs the project as it
 * is, attempt 2 with the proposal applied; only what fails in the second and not the first counts
 * against the proposal (a refactor is not refused for problems the project already had).
 */
import type { StageDefinition } from "../jobs/types.ts";
import { failuresOf, type Failure, type SandboxArtifact } from "../pipeline/fix-failures.ts";
import { sandboxStage, sandboxStageName } from "../pipeline/fix-loop.ts";
import type { ProposalFinding, RefactorProposal } from "../protocol/index.ts";

/** The attempt that runs the project as it is. */
export const BASELINE_ATTEMPT = 1;
/** The attempt that runs the project with the proposal applied (the runner reads it from the job's `refactor` output). */
export const PROPOSAL_ATTEMPT = 2;

/** The sandbox stages a checked proposal still needs, given what has run. */
export function sandboxStagesFor(proposal: RefactorProposal | undefined, waitSeconds: number | undefined): StageDefinition[] {
  if (!proposal?.edits.length || proposal.check?.passed === false) return [];
  return [sandboxStage(waitSeconds, BASELINE_ATTEMPT), sandboxStage(waitSeconds, PROPOSAL_ATTEMPT)];
}

/** `files` with the proposal's edits applied: modified and created files take their new content, deleted ones go. */
export function withProposal<F extends { path: string; content: string }>(files: F[], proposal: RefactorProposal): { path: string; content: string }[] {
  const byPath = new Map<string, { path: string; content: string }>(files.map((file) => [file.path, { path: file.path, content: file.content }]));
  for (const edit of proposal.edits) {
    if (edit.action === "delete") byPath.delete(edit.path);
    else byPath.set(edit.path, { path: edit.path, content: edit.new_content ?? "" });
  }
  return [...byPath.values()];
}

const keyOf = (failure: Failure) => `${failure.check}|${failure.route ?? ""}|${failure.message}`;

const findingOf = (failure: Failure): ProposalFinding => ({
  check: `sandbox:${failure.check}`,
  file: failure.file ?? (failure.route ? `route ${failure.route}` : "the app"),
  ...(failure.line ? { line: failure.line } : {}),
  message: failure.message,
});

/**
 * The proposal with its sandbox verdict folded into its check: the status of the run with the
 * proposal, and the failures it has that the project's own run did not. A run that did not
 * happen (no runner in time) is recorded as such and refuses nothing.
 */
export function withSandboxVerdict(proposal: RefactorProposal, outputs: Record<string, unknown>): RefactorProposal {
  const baseline = outputs[sandboxStageName(BASELINE_ATTEMPT)] as SandboxArtifact | undefined;
  const proposed = outputs[sandboxStageName(PROPOSAL_ATTEMPT)] as SandboxArtifact | undefined;
  if (!proposal.check || !baseline || !proposed) return proposal;
  if (proposed.status === "error" || baseline.status === "error") return { ...proposal, check: { ...proposal.check, sandbox: "not_run" } };
  const known = new Set(failuresOf(baseline).map(keyOf));
  const added = failuresOf(proposed).filter((failure) => !known.has(keyOf(failure)));
  return {
    ...proposal,
    check: {
      ...proposal.check,
      passed: proposal.check.passed && added.length === 0,
      sandbox: added.length ? "failed" : "passed",
      findings: [...proposal.check.findings, ...added.slice(0, 50).map(findingOf)],
    },
  };
}
