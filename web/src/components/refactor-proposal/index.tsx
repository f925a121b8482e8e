/** @module A refactor proposal for review: its check, and each file's diff with a box to accept or reject it; applies the accepted files. */
import type { ProposalEdit, RefactorProposal } from "../../../../shared/protocol/index.ts";
import { DiffView, type DiffFile } from "../diff-view/index.tsx";

/** How each kind of edit shows in a diff. */
export const EDIT_STATUS: Record<ProposalEdit["action"], DiffFile["status"]> = { modify: "modified", create: "added", delete: "removed" };
const ACTION_WORDS: Record<ProposalEdit["action"], string> = { modify: "change", create: "create", delete: "delete" };

export interface ProposalReview {
  proposal: RefactorProposal;
  /** Each edit's diff against the file as it is now, by path. */
  diffs: Map<string, DiffFile>;
  /** Files changed since the proposal was made: applying would be refused. */
  stale: string[];
}

/** What the proposal's sandbox run says, when one was asked for. */
const SANDBOX_WORDS = {
  passed: "Run in the sandbox with and without it: its tests pass and every route renders as before.",
  failed: "",
  not_run: "No sandbox runner took it in time, so it was not run.",
} as const;

export function RefactorProposalView({ review, accepted, onToggle, onApply, applying }: { review: ProposalReview; accepted: Set<string>; onToggle: (path: string) => void; onApply: () => void; applying: boolean }) {
  const { proposal, diffs, stale } = review;
  const refused = proposal.check && !proposal.check.passed;
  return (
    <section className="card stack" aria-labelledby="proposal-title">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="proposal-title" style={{ margin: 0 }}>Proposal</h2>
        {refused ? null : (
          <button type="button" className="button button-primary" onClick={onApply} disabled={applying || accepted.size === 0}>
            {applying ? "Applying…" : `Apply to ${accepted.size} file(s)`}
          </button>
        )}
      </div>
      <p style={{ margin: 0 }}>{proposal.summary}</p>
      {refused ? (
        <div className="alert alert-error" role="alert">
          <strong>This proposal fails the project's checks and cannot be applied.</strong>
          <ul className="small" style={{ margin: "0.5rem 0 0" }}>
            {proposal.check!.findings.map((finding, i) => (
              <li key={i}>
                <span className="mono">{finding.file}{finding.line ? `:${finding.line}` : ""}</span> ({finding.check}): {finding.message}
              </li>
            ))}
          </ul>
        </div>
      ) : proposal.check ? (
        <p className="small muted" style={{ margin: 0 }}>
          Checked with the project applied: every file parses, imports resolve{proposal.check.type_checked ? ", and the TypeScript checker finds no new error" : " (types not checked here)"}.
          {proposal.check.sandbox ? ` ${SANDBOX_WORDS[proposal.check.sandbox]}` : ""}
        </p>
      ) : null}
      {!refused && accepted.size < proposal.edits.length ? (
        <p className="small muted" style={{ margin: 0 }}>
          The check covered the whole proposal; the accepted part alone is not checked again.
        </p>
      ) : null}
      {stale.length ? (
        <div className="alert alert-warn" role="alert">
          Changed since the proposal: {stale.join(", ")}. Applying will be refused; propose again.
        </div>
      ) : null}
      <div className="stack" role="region" aria-label="Proposed changes">
        {proposal.edits.map((edit) => (
          <div key={edit.path} className="stack" data-edit={edit.path}>
            {refused ? null : (
              <label className="row small" style={{ gap: "0.4rem" }}>
                <input type="checkbox" checked={accepted.has(edit.path)} onChange={() => onToggle(edit.path)} />
                Accept: {ACTION_WORDS[edit.action]} {edit.path}
              </label>
            )}
            <DiffView files={[diffs.get(edit.path) ?? { path: edit.path, status: EDIT_STATUS[edit.action], hunks: [] }]} label={`Diff of ${edit.path}`} />
          </div>
        ))}
      </div>
    </section>
  );
}
