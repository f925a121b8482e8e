/** @module The owner's review of a job stopped at a gate: what to look at, approve, or request changes with a comment. */
import { useState } from "react";
import { Link } from "react-router-dom";
import { MAX_REVIEW_COMMENT_LENGTH, type ReviewRequest } from "../../../../shared/protocol/index.ts";
import { routes } from "../../paths.ts";
import { TextAreaField } from "../field/index.tsx";
import { FormFailure } from "../form-failure/index.tsx";

const WHAT = {
  design: { title: "Design review", stage: "wireframe", look: "the site map" },
  feature: { title: "Feature review", stage: "code", look: "the generated files" },
} as const;

/**
 * Shown while a job is `awaiting_review`: Approve continues with the next
 * stage; Request changes reruns the reviewed stage with the comment.
 */
export function ReviewPanel({ projectId, kind, onDecide }: { projectId: string; kind: "design" | "feature"; onDecide(body: ReviewRequest): Promise<string | null> }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState<ReviewRequest["action"] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const what = WHAT[kind];
  const decide = async (action: ReviewRequest["action"]) => {
    const text = comment.trim();
    if (action === "request_changes" && !text) return setError("Say what to change: the stage runs again with your comment.");
    setError(undefined);
    setBusy(action);
    setFailure(await onDecide(action === "approve" ? { action, ...(text ? { comment: text } : {}) } : { action, comment: text }));
    setBusy(null);
  };
  return (
    <section className="card stack review-panel" aria-labelledby="review-title">
      <h3 id="review-title" style={{ margin: 0 }}>{what.title}</h3>
      <p style={{ margin: 0 }}>
        The run stopped after the {what.stage} stage for your review. Look at{" "}
        <Link to={kind === "design" ? routes.projectSpec(projectId) : routes.projectFiles(projectId)}>{what.look}</Link>, then approve it or say what to change.
      </p>
      <TextAreaField
        label="Comment"
        hint="Required to request changes, e.g. “Add a reports page”. The stage runs again with it."
        value={comment}
        error={error}
        rows={3}
        maxLength={MAX_REVIEW_COMMENT_LENGTH}
        onChange={(e) => setComment(e.target.value)}
      />
      <FormFailure message={failure} />
      <div className="row">
        <button type="button" className="button button-primary" disabled={!!busy} onClick={() => void decide("approve")}>
          {busy === "approve" ? "Approving…" : "Approve and continue"}
        </button>
        <button type="button" className="button" disabled={!!busy} onClick={() => void decide("request_changes")}>
          {busy === "request_changes" ? "Sending…" : "Request changes"}
        </button>
      </div>
    </section>
  );
}
