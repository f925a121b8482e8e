/** @module The message box: text, attachments uploaded with progress, send. */
import { useRef, useState, type FormEvent } from "react";
import type { ChatAttachment } from "../../../../shared/chat/api.ts";
import { PROMPT_LIMIT } from "../../../../shared/chat/prompt.ts";
import { uploadAttachment } from "../../data/chat.ts";

interface Upload {
  key: string;
  name: string;
  progress: number;
  attachment?: ChatAttachment;
  error?: string;
}

interface Props {
  threadId: string;
  /** Sends; answers an error message, or null when sent. */
  onSend(content: string, attachments: ChatAttachment[]): Promise<string | null>;
}

export function ChatComposer({ threadId, onSend }: Props) {
  const [content, setContent] = useState("");
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const update = (key: string, change: Partial<Upload>) => setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const attach = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = crypto.randomUUID();
      setUploads((current) => [...current, { key, name: file.name, progress: 0 }]);
      const { data, error: failure } = await uploadAttachment(threadId, file, (progress) => update(key, { progress }));
      update(key, failure ? { error: failure.message } : { attachment: data, progress: 1 });
    }
    if (fileInput.current) fileInput.current.value = "";
  };

  const uploading = uploads.some((u) => !u.attachment && !u.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!content.trim()) return setError("Write a message first.");
    setSending(true);
    setError(null);
    const failure = await onSend(content, uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])));
    setSending(false);
    if (failure) return setError(failure);
    setContent("");
    setUploads([]);
  };

  return (
    <form className="chat-composer card stack" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor="chat-input" className="visually-hidden">
        Your message
      </label>
      <textarea
        id="chat-input"
        rows={3}
        value={content}
        maxLength={20000}
        placeholder='Describe an app to build, ask a question, or ask for a change ("make the header blue").'
        onChange={(e) => setContent(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit(e);
        }}
      />
      {content.length > PROMPT_LIMIT ? (
        <p className="small alert alert-warn" role="status">
          {content.length.toLocaleString()} characters: a run reads the first {PROMPT_LIMIT.toLocaleString()}.
        </p>
      ) : null}
      {uploads.length ? (
        <ul className="list chat-uploads" aria-label="Attachments">
          {uploads.map((u) => (
            <li key={u.key} className="row small">
              <span>{u.name}</span>
              {u.error ? (
                <span className="field-error" role="alert">{u.error}</span>
              ) : (
                <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} data-done={u.attachment ? "true" : "false"} />
              )}
              <button type="button" className="link-button" onClick={() => setUploads((current) => current.filter((x) => x.key !== u.key))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="row" style={{ justifyContent: "space-between" }}>
        <label className="button button-small">
          Attach a file
          <input ref={fileInput} type="file" className="visually-hidden" multiple onChange={(e) => void attach(e.target.files)} />
        </label>
        <button type="submit" className="button button-primary" disabled={sending || uploading}>
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
