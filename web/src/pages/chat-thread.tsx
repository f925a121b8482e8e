/** @module One thread: its messages live, the reply as it streams, artifacts inline, and the message box. */
import { useEffect, useRef } from "react";
import { Link, useLoaderData, useOutletContext, type LoaderFunctionArgs } from "react-router-dom";
import { Uuid } from "../../../shared/protocol/index.ts";
import { ChatComposer } from "../components/chat-composer/index.tsx";
import { ChatMessage } from "../components/chat-message/index.tsx";
import { ConnectionStatus } from "../components/connection-status/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { ProjectDocuments } from "../components/project-documents/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { fetchThread, type ChatThread } from "../data/chat.ts";
import { useChatThread } from "../hooks/use-chat-thread.ts";
import { appError } from "../lib/errors.ts";
import { routes } from "../paths.ts";
import type { ChatContext } from "./chat.tsx";

const NOT_FOUND = "No chat here. It may have been deleted, or it belongs to another account.";

export async function loader({ params }: LoaderFunctionArgs): Promise<{ thread: ChatThread }> {
  if (!Uuid.safeParse(params.threadId).success) throw appError("not_found", NOT_FOUND);
  const thread = await fetchThread(params.threadId!);
  if (!thread) throw appError("not_found", NOT_FOUND);
  return { thread };
}

export function Component() {
  const { thread: loaded } = useLoaderData<typeof loader>();
  const { threads } = useOutletContext<ChatContext>();
  const thread = threads.find((t) => t.id === loaded.id) ?? loaded;
  const chat = useChatThread(thread.id);
  const end = useRef<HTMLDivElement>(null);
  const projectId = chat.messages.map((m) => m.metadata.project_id as string | undefined).find(Boolean) ?? thread.project_id;
  useEffect(() => {
    // A block body: newer browsers' scrollIntoView returns a promise, which React would take for a cleanup.
    void end.current?.scrollIntoView?.({ block: "end" });
  }, [chat.messages.length, chat.drafts.length]);

  const send = async (content: string, attachments: Parameters<typeof chat.send>[1]) => {
    const { error } = await chat.send(content, attachments);
    return error ? error.message : null;
  };
  const retry = async (messageId: string) => {
    const { error } = await chat.retry(messageId);
    return error ? error.message : null;
  };

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: 0 }}>{thread.title}</h2>
        <div className="row">
          {projectId ? <Link to={routes.project(projectId)}>Open in the builder</Link> : null}
          <ConnectionStatus status={chat.connection} />
        </div>
      </div>
      <ErrorMessage error={chat.error} onRetry={chat.reload} title="The messages could not be loaded." />
      {chat.loading ? (
        <Skeleton lines={3} label="Loading the messages…" />
      ) : (
        <ol className="chat-messages" aria-label="Messages" aria-live="polite">
          {chat.messages.map((message) => (
            <ChatMessage key={message.id} message={message} artifact={chat.artifacts[message.id]} projectId={projectId} onRetry={retry} />
          ))}
          {chat.drafts.map((draft) => (
            <li key={draft.replyId} className="chat-message chat-message-assistant chat-message-streaming" data-streaming="true" data-pieces={draft.pieces}>
              <div className="chat-message-head small muted">
                <strong>Assistant</strong> <span>writing…</span>
              </div>
              <div className="chat-message-body">{draft.text}</div>
            </li>
          ))}
        </ol>
      )}
      <div ref={end} />
      {projectId ? <ProjectDocuments projectId={projectId} /> : null}
      <ChatComposer threadId={thread.id} onSend={send} />
    </div>
  );
}
