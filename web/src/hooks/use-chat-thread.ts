/** @module A thread as it happens: its messages and artifacts, live over Realtime, with the assistant's reply as it streams. */
import { useCallback, useEffect, useRef, useState } from "react";
import { chatTopic, type ChatAttachment, type ReplyFailed, type ReplyPiece } from "../../../shared/chat/api.ts";
import { fetchMessageArtifacts, fetchMessages, retryMessage, sendMessage, type ChatMessage, type MessageArtifact } from "../data/chat.ts";
import { toAppError, type AppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";

/** A reply still streaming: its pieces so far, by index. */
export interface Draft {
  replyId: string;
  text: string;
  pieces: number;
}

export interface ChatThreadState {
  messages: ChatMessage[];
  artifacts: Record<string, MessageArtifact>;
  drafts: Draft[];
  loading: boolean;
  error: AppError | null;
  connection: LiveStatus;
  send(content: string, attachments: ChatAttachment[]): Promise<Result<unknown>>;
  retry(messageId: string): Promise<Result<unknown>>;
  reload(): void;
}

const byTime = (a: ChatMessage, b: ChatMessage) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
const wantsArtifact = (message: ChatMessage) => message.role === "agent" && message.metadata.hasArtifact === true;

export function useChatThread(threadId: string): ChatThreadState {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [artifacts, setArtifacts] = useState<Record<string, MessageArtifact>>({});
  const [drafts, setDrafts] = useState<Record<string, Record<number, string>>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [connection, setConnection] = useState<LiveStatus>("connecting");
  const generation = useRef(0);

  const loadArtifacts = useCallback(async (list: ChatMessage[]) => {
    const found = await fetchMessageArtifacts(list.filter(wantsArtifact).map((m) => m.id));
    if (found.length) setArtifacts((current) => ({ ...current, ...Object.fromEntries(found.map((a) => [a.message_id, a])) }));
  }, []);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    fetchMessages(threadId).then(
      async (loaded) => {
        if (mine !== generation.current) return;
        setMessages(loaded);
        setLoading(false);
        setError(null);
        await loadArtifacts(loaded);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(toAppError(failure));
        setLoading(false);
      },
    );
  }, [threadId, loadArtifacts]);

  useEffect(() => {
    setMessages([]);
    setArtifacts({});
    setDrafts({});
    setLoading(true);
    const upsert = (message: ChatMessage) => {
      setMessages((current) => [...current.filter((m) => m.id !== message.id), message].sort(byTime));
      if (wantsArtifact(message)) void loadArtifacts([message]);
    };
    const onPiece = (piece: ReplyPiece) =>
      setDrafts((current) => ({ ...current, [piece.reply_id]: { ...current[piece.reply_id], [piece.index]: piece.text } }));
    // The message it answered turns failed (an UPDATE below) and offers Retry.
    const dropDraft = ({ reply_id }: ReplyFailed) =>
      setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== reply_id)));
    return subscribeChannel(
      chatTopic(threadId),
      (channel) =>
        channel
          .on("broadcast", { event: "token" }, ({ payload }) => onPiece(payload as ReplyPiece))
          .on("broadcast", { event: "reply_failed" }, ({ payload }) => dropDraft(payload as ReplyFailed))
          .on("postgres_changes", { event: "INSERT", schema: "public", table: "chat_messages", filter: `thread_id=eq.${threadId}` }, ({ new: row }) => upsert(row as ChatMessage))
          .on("postgres_changes", { event: "UPDATE", schema: "public", table: "chat_messages", filter: `thread_id=eq.${threadId}` }, ({ new: row }) => upsert(row as ChatMessage)),
      setConnection,
      reload,
      { private: true },
    );
  }, [threadId, reload, loadArtifacts]);

  const send = useCallback((content: string, attachments: ChatAttachment[]) => sendMessage(threadId, content, attachments), [threadId]);
  const retry = useCallback((messageId: string) => retryMessage(messageId), []);

  // A reply's stream ends when the stored reply arrives.
  const stored = new Set(messages.map((m) => m.id));
  const draftList = Object.entries(drafts)
    .filter(([replyId]) => !stored.has(replyId))
    .map(([replyId, pieces]) => {
      const indexes = Object.keys(pieces).map(Number).sort((a, b) => a - b);
      return { replyId, text: indexes.map((i) => pieces[i]).join(""), pieces: indexes.length };
    });
  return { messages, artifacts, drafts: draftList, loading, error, connection, send, retry, reload };
}
