/** @module One comment thread beside the editor: its lines, the comments (the AI's marked as such), a reply box and "Ask the AI". */
import { useState, type FormEvent } from "react";
import { askAi, postComment, setThreadResolved, type CommentThread as Thread } from "../../data/comments.ts";
import type { AppError } from "../../lib/errors.ts";
import { formatRelative } from "../../lib/format.ts";
import { ErrorMessage } from "../error-message/index.tsx";
import "./styles.css";

export function CommentThread({ projectId, thread, onChanged }: { projectId: string; thread: Thread; onChanged(): void }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState<"reply" | "ask" | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(false);
  const lines = thread.line_start === thread.line_end ? `Line ${thread.line_start}` : `Lines ${thread.line_start}–${thread.line_end}`;
  const aiAnswers = thread.comments.filter((c) => c.author_type === "AI").length;

  const send = async (event: FormEvent, ask: boolean) => {
    event.preventDefault();
    const body = text.trim();
    if (!body && !ask) return;
    setBusy(ask ? "ask" : "reply");
    setProblem(null);
    if (body) {
      const posted = await postComment(thread.id, body);
      if (posted.error) {
        setBusy(null);
        return setProblem(posted.error);
      }
    }
    if (ask) {
      const { error } = await askAi(projectId, thread.id, body || "What do these lines do?");
      if (error) setProblem(error);
      else setAsked(true);
    }
    setText("");
    setBusy(null);
    onChanged();
  };

  return (
    <section className="comment-thread card" aria-label={`Comments on ${lines.toLowerCase()}`} data-thread-id={thread.id}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{lines}</strong>
        <button type="button" className="button button-small" onClick={() => void setThreadResolved(thread.id, !thread.resolved).then(onChanged)}>
          {thread.resolved ? "Reopen" : "Resolve"}
        </button>
      </div>
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment" data-author={comment.author_type}>
            <div className="small muted">
              {comment.author_type === "AI" ? <span className="badge badge-accent">AI</span> : <span className="badge">You</span>} {formatRelative(comment.created_at)}
            </div>
            <div className="comment-body">{comment.body}</div>
          </li>
        ))}
      </ol>
      {asked && aiAnswers === 0 ? (
        <p className="small muted" role="status">
          The AI is reading these lines…
        </p>
      ) : null}
      <ErrorMessage error={problem} />
      <form className="stack" onSubmit={(event) => void send(event, false)}>
        <label className="small" htmlFor={`reply-${thread.id}`}>
          Reply or ask a question
        </label>
        <textarea id={`reply-${thread.id}`} rows={2} value={text} onChange={(event) => setText(event.target.value)} maxLength={20000} />
        <div className="row">
          <button type="submit" className="button button-small" disabled={busy !== null || !text.trim()}>
            {busy === "reply" ? "Posting…" : "Reply"}
          </button>
          <button type="button" className="button button-small button-primary" disabled={busy !== null} onClick={(event) => void send(event, true)}>
            {busy === "ask" ? "Asking…" : "Ask the AI"}
          </button>
        </div>
      </form>
    </section>
  );
}
