/** @module The chat view: the user's threads beside the open thread; a new thread in one click. */
import { useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { ConnectionStatus } from "../components/connection-status/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { createThread, type ChatThread } from "../data/chat.ts";
import { useChatThreads } from "../hooks/use-chat-threads.ts";
import { formatRelative } from "../lib/format.ts";
import { routes } from "../paths.ts";
import "./chat.css";

export interface ChatContext {
  /** The user's threads, kept live (titles change when a build names the project). */
  threads: ChatThread[];
}

export function Component() {
  const threads = useChatThreads();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const start = async () => {
    setCreating({ pending: true, error: null });
    const { data, error } = await createThread("New chat");
    setCreating({ pending: false, error: error?.message ?? null });
    if (data) navigate(routes.chatThread(data.id));
  };
  return (
    <div className="page chat-page">
      <aside className="card stack chat-threads" aria-labelledby="threads-title">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h1 id="threads-title" style={{ margin: 0, fontSize: "1.2rem" }}>
            Chats
          </h1>
          <ConnectionStatus status={threads.connection} />
        </div>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={creating.pending}>
          {creating.pending ? "Starting…" : "New chat"}
        </button>
        {creating.error ? <p className="field-error" role="alert">{creating.error}</p> : null}
        <ErrorMessage error={threads.error} onRetry={threads.reload} title="Your chats could not be loaded." />
        {threads.loading && !threads.data ? (
          <Skeleton lines={3} label="Loading your chats…" />
        ) : (
          <ul className="list" aria-label="Threads">
            {(threads.data ?? []).map((thread) => (
              <li key={thread.id}>
                <NavLink to={routes.chatThread(thread.id)} className="chat-thread-link">
                  <strong>{thread.title}</strong>
                  <span className="small muted chat-thread-preview">{thread.last_message_preview ?? "No messages yet"}</span>
                  {thread.last_message_at ? <span className="small muted">{formatRelative(thread.last_message_at)}</span> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section className="chat-main">
        <Outlet context={{ threads: threads.data ?? [] } satisfies ChatContext} />
      </section>
    </div>
  );
}
