/** @module The comments of the open file: a form to comment on the selected lines (or ask the AI about them), and every thread. */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { askAi, openThread, type CommentThread as Thread } from "../../data/comments.ts";
import type { AppError } from "../../lib/errors.ts";
import { CommentThread } from "../comment-thread/index.tsx";
import { ErrorMessage } from "../error-message/index.tsx";

export interface FileCommentsProps {
  projectId: string;
  path: string;
  threads: Thread[];
  /** The lines selected in the editor. */
  selection: { from: number; to: number };
  /** The line whose gutter mark was clicked: its thread is scrolled into view. */
  focusLine: number | null;
  onChanged(): void;
}

export function FileComments({ projectId, path, threads, selection, focusLine, onChanged }: FileCommentsProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const lines = selection.from === selection.to ? `line ${selection.from}` : `lines ${selection.from}–${selection.to}`;

  useEffect(() => {
    if (focusLine === null) return;
    const thread = threads.find((t) => t.line_start === focusLine);
    const element = thread && list.current?.querySelector<HTMLElement>(`[data-thread-id="${thread.id}"]`);
    element?.scrollIntoView({ block: "nearest" });
    element?.querySelector("textarea")?.focus();
  }, [focusLine, threads]);

  const start = async (event: FormEvent, ask: boolean) => {
    event.preventDefault();
    const body = text.trim() || (ask ? "What do these lines do?" : "");
    if (!body) return;
    setBusy(true);
    setProblem(null);
    const { data: thread, error } = await openThread(projectId, path, selection.from, selection.to, body);
    if (thread && ask) {
      const asked = await askAi(projectId, thread.id, body);
      if (asked.error) setProblem(asked.error);
    }
    setBusy(false);
    if (error) return setProblem(error);
    setText("");
    onChanged();
  };

  return (
    <section className="stack" aria-labelledby="comments-title">
      <h3 id="comments-title" style={{ margin: 0 }}>
        Comments ({threads.length})
      </h3>
      <form className="card stack" onSubmit={(event) => void start(event, false)}>
        <label htmlFor="new-comment">Comment on {lines}</label>
        <textarea id="new-comment" rows={2} value={text} onChange={(event) => setText(event.target.value)} maxLength={20000} placeholder="Select lines in the editor, then write here" />
        <ErrorMessage error={problem} />
        <div className="row">
          <button type="submit" className="button button-small" disabled={busy || !text.trim()}>
            Comment
          </button>
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={(event) => void start(event, true)}>
            Ask the AI about {lines}
          </button>
        </div>
      </form>
      <div ref={list} className="stack">
        {threads.map((thread) => (
          <CommentThread key={thread.id} projectId={projectId} thread={thread} onChanged={onChanged} />
        ))}
      </div>
    </section>
  );
}
