/** @module Refactor (refactor_jobs, docs/architecture.md#review-gates-history-and-refactoring): rename a symbol across the project, review the proposal as a diff, apply it (all files or none). */
import { structuredPatch } from "diff";
import { useState, type FormEvent } from "react";
import type { RefactorProposal } from "../../../shared/protocol/index.ts";
import { DiffView, type DiffFile } from "../components/diff-view/index.tsx";
import { TextAreaField, TextField } from "../components/field/index.tsx";
import { FormFailure } from "../components/form-failure/index.tsx";
import { fetchFile } from "../data/files.ts";
import { waitForJob } from "../data/jobs.ts";
import { applyRefactor, startRename, type RefactorResult } from "../data/refactor.ts";
import { useProjectContext } from "./project.tsx";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Proposed {
  jobId: string;
  proposal: RefactorProposal;
  diff: DiffFile[];
  /** Files changed since the proposal was made: applying would be refused. */
  stale: string[];
}

/** The proposal's edits as diffs against the files as they are now. */
async function diffOf(projectId: string, proposal: RefactorProposal): Promise<{ diff: DiffFile[]; stale: string[] }> {
  const diff: DiffFile[] = [];
  const stale: string[] = [];
  for (const edit of proposal.edits) {
    const current = await fetchFile(projectId, edit.path);
    if (!current || current.version !== edit.base_version) stale.push(edit.path);
    diff.push({ path: edit.path, status: "modified", hunks: structuredPatch(edit.path, edit.path, current?.content ?? "", edit.new_content, "", "", { context: 2 }).hunks });
  }
  return { diff, stale };
}

export function Component() {
  const { project } = useProjectContext();
  const [symbol, setSymbol] = useState("");
  const [renameTo, setRenameTo] = useState("");
  const [instruction, setInstruction] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"proposing" | "applying" | null>(null);
  const [proposed, setProposed] = useState<Proposed | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const propose = async (event: FormEvent) => {
    event.preventDefault();
    const invalid: Record<string, string> = {};
    if (!IDENTIFIER.test(symbol)) invalid.symbol = "An identifier, e.g. WalkList or formatDate.";
    if (!IDENTIFIER.test(renameTo)) invalid.renameTo = "An identifier, e.g. WalkTable.";
    else if (renameTo === symbol) invalid.renameTo = "The new name must differ from the old one.";
    setErrors(invalid);
    if (Object.keys(invalid).length) return;
    setBusy("proposing");
    setFailure(null);
    setApplied(null);
    setProposed(null);
    const started = await startRename(project.id, { symbol, renameTo, ...(instruction.trim() ? { instruction: instruction.trim() } : {}) });
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    if (finished.error) {
      setBusy(null);
      return setFailure(finished.error.message);
    }
    const job = finished.data as { job_id?: string; status: string; error?: string | null; result?: unknown };
    const proposal = (job.result as RefactorResult | null)?.proposal;
    if (job.status !== "completed" || !proposal) {
      setBusy(null);
      return setFailure(job.error ?? `The refactor ended ${job.status}.`);
    }
    setProposed({ jobId: started.data!.job_id, proposal, ...(await diffOf(project.id, proposal)) });
    setBusy(null);
  };

  const apply = async () => {
    if (!proposed) return;
    setBusy("applying");
    const { data, error } = await applyRefactor(proposed.jobId);
    setBusy(null);
    if (error) return setFailure(error.status === 409 ? `${error.message} Propose it again to refactor the current files.` : error.message);
    setFailure(null);
    setApplied(`Applied to ${data.applied_changes.files.length} file(s), saved as version ${data.applied_changes.manifest_version}.`);
    setProposed(null);
  };

  return (
    <div className="stack">
      <form className="card stack" onSubmit={(event) => void propose(event)} aria-labelledby="refactor-title" noValidate>
        <h2 id="refactor-title" style={{ margin: 0 }}>Rename a symbol</h2>
        <p className="small muted" style={{ margin: 0 }}>
          Every identifier with this name in the project's TypeScript and JavaScript files — declarations, uses, imports, JSX tags — is renamed; strings and comments are left alone. You review the change before anything is written.
        </p>
        <div className="row">
          <TextField label="Symbol" value={symbol} error={errors.symbol} onChange={(e) => setSymbol(e.target.value.trim())} placeholder="WalkList" />
          <TextField label="Rename to" value={renameTo} error={errors.renameTo} onChange={(e) => setRenameTo(e.target.value.trim())} placeholder="WalkTable" />
        </div>
        <TextAreaField label="Why (optional)" value={instruction} rows={2} maxLength={2000} onChange={(e) => setInstruction(e.target.value)} />
        <FormFailure message={failure} />
        <div className="row">
          <button type="submit" className="button button-primary" disabled={!!busy}>
            {busy === "proposing" ? "Proposing…" : "Propose the change"}
          </button>
        </div>
      </form>
      {applied ? (
        <div className="alert alert-success" role="status">
          {applied}
        </div>
      ) : null}
      {proposed ? (
        <section className="card stack" aria-labelledby="proposal-title">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id="proposal-title" style={{ margin: 0 }}>Proposal</h2>
            <button type="button" className="button button-primary" onClick={() => void apply()} disabled={!!busy}>
              {busy === "applying" ? "Applying…" : `Apply to ${proposed.proposal.edits.length} file(s)`}
            </button>
          </div>
          <p style={{ margin: 0 }}>{proposed.proposal.summary}</p>
          {proposed.stale.length ? (
            <div className="alert alert-warn" role="alert">
              Changed since the proposal: {proposed.stale.join(", ")}. Applying will be refused; propose again.
            </div>
          ) : null}
          <DiffView files={proposed.diff} label="Proposed changes" />
        </section>
      ) : null}
    </div>
  );
}
