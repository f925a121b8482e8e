/** @module One message of a thread: the user's (with attachments, and Retry when it failed), the assistant's reply, an agent's progress with its artifact. */
import { useState } from "react";
import type { ChatMessage as Message, MessageArtifact as Artifact } from "../../data/chat.ts";
import { formatRelative } from "../../lib/format.ts";
import { MessageArtifact } from "../message-artifact/index.tsx";

const WHO = { user: "You", assistant: "Assistant", agent: "Agents" } as const;

interface Props {
  message: Message;
  artifact?: Artifact;
  projectId: string | null;
  onRetry?(messageId: string): Promise<string | null>;
}

export function ChatMessage({ message, artifact, projectId, onRetry }: Props) {
  const [retry, setRetry] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const failed = message.status === "failed";
  const truncated = message.metadata.truncated as { original_length: number; limit: number } | undefined;
  const streamed = typeof message.metadata.streamed_pieces === "number" ? message.metadata.streamed_pieces : undefined;
  const doRetry = async () => {
    if (!onRetry) return;
    setRetry({ pending: true, error: null });
    setRetry({ pending: false, error: await onRetry(message.id) });
  };
  return (
    <li className={`chat-message chat-message-${message.role}${failed ? " chat-message-failed" : ""}`} data-message-id={message.id} data-role={message.role} {...(streamed ? { "data-streamed-pieces": streamed } : {})}>
      <div className="chat-message-head small muted">
        <strong>{WHO[message.role]}</strong> <time dateTime={message.created_at}>{formatRelative(message.created_at)}</time>
      </div>
      <div className="chat-message-body">{message.content}</div>
      {truncated ? (
        <p className="small muted">
          Runs read the first {truncated.limit.toLocaleString()} of this message's {truncated.original_length.toLocaleString()} characters.
        </p>
      ) : null}
      {artifact ? <MessageArtifact artifact={artifact} projectId={projectId} /> : null}
      {failed && message.role === "user" ? (
        <div className="alert alert-error row" role="alert">
          <span>{message.error ?? "This message failed."}</span>
          <button type="button" className="button button-small" onClick={() => void doRetry()} disabled={retry.pending}>
            {retry.pending ? "Retrying…" : "Retry"}
          </button>
          {retry.error ? <span>{retry.error}</span> : null}
        </div>
      ) : null}
    </li>
  );
}
