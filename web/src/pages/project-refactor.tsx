/** @module Refactor (docs/architecture.md#review-gates-history-and-refactoring): ask for a refactor, review the checked proposal file by file, apply the accepted files (all or none). */
import { structuredPatch } from "diff";
import { useState } from "react";
import type { RefactorParams, RefactorProposal } from "../../../shared/protocol/index.ts";
import { RefactorForm } from "../components/refactor-form/index.tsx";
import { EDIT_STATUS, RefactorProposalView, type ProposalReview } from "../components/refactor-proposal/index.tsx";
import { fetchFile } from "../data/files.ts";
import { waitForJob } from "../data/jobs.ts";
import { applyRefactor, startRefactor, type RefactorResult } from "../data/refactor.ts";
import { useProjectContext } from "./project.tsx";

interface Proposed extends ProposalReview {
  jobId: string;
}

/** The proposal's edits as diffs against the files as they are now. */
async function reviewOf(projectId: string, proposal: RefactorProposal): Promise<Omit<ProposalReview, "proposal">> {
  const diffs: ProposalReview["diffs"] = new Map();
  const stale: string[] = [];
  for (const edit of proposal.edits) {
    const current = await fetchFile(projectId, edit.path);
    if (edit.action === "create" ? current : !current || current.version !== edit.base_version) stale.push(edit.path);
    const before = edit.action === "create" ? "" : current?.content ?? "";
    const hunks = structuredPatch(edit.path, edit.path, before, edit.new_content ?? "", "", "", { context: 2 }).hunks;
    diffs.set(edit.path, { path: edit.path, status: EDIT_STATUS[edit.action], hunks });
  }
  return { diffs, stale };
}

export function Component() {
  const { project } = useProjectContext();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"proposing" | "applying" | null>(null);
  const [proposed, setProposed] = useState<Proposed | null>(null);
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [applied, setApplied] = useState<string | null>(null);

  const propose = async (body: RefactorParams) => {
    setBusy("proposing");
    setFailure(null);
    setApplied(null);
    setProposed(null);
    const started = await startRefactor(project.id, body);
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    if (finished.error) {
      setBusy(null);
      return setFailure(finished.error.message);
    }
    const job = finished.data as { status: string; error?: string | null; result?: unknown };
    const proposal = (job.result as RefactorResult | null)?.proposal;
    if (job.status !== "completed" || !proposal) {
      setBusy(null);
      return setFailure(job.error ?? `The refactor ended ${job.status}.`);
    }
    setProposed({ jobId: started.data!.job_id, proposal, ...(await reviewOf(project.id, proposal)) });
    setAccepted(new Set(proposal.edits.map((edit) => edit.path)));
    setBusy(null);
  };

  const toggle = (path: string) => {
    const next = new Set(accepted);
    if (!next.delete(path)) next.add(path);
    setAccepted(next);
  };

  const apply = async () => {
    if (!proposed) return;
    setBusy("applying");
    const { data, error } = await applyRefactor(proposed.jobId, proposed.proposal.edits.map((edit) => edit.path).filter((path) => accepted.has(path)));
    setBusy(null);
    if (error) return setFailure(error.status === 409 ? `${error.message} Propose it again to refactor the current files.` : error.message);
    setFailure(null);
    const rejected = data.applied_changes.rejected.length ? ` ${data.applied_changes.rejected.length} rejected file(s) left as they were.` : "";
    setApplied(`Applied to ${data.applied_changes.files.length} file(s), saved as version ${data.applied_changes.manifest_version}.${rejected}`);
    setProposed(null);
  };

  return (
    <div className="stack">
      <RefactorForm busy={busy === "proposing"} failure={failure} onPropose={(body) => void propose(body)} />
      {applied ? (
        <div className="alert alert-success" role="status">
          {applied}
        </div>
      ) : null}
      {proposed ? <RefactorProposalView review={proposed} accepted={accepted} onToggle={toggle} onApply={() => void apply()} applying={busy === "applying"} /> : null}
    </div>
  );
}
