/** @module The user's threads, newest activity first, kept live. */
import { useEffect, useState } from "react";
import { fetchThreads, type ChatThread } from "../data/chat.ts";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";
import { useResource, type Resource } from "./use-resource.ts";

export function useChatThreads(): Resource<ChatThread[]> & { connection: LiveStatus } {
  const threads = useResource("chat-threads", fetchThreads);
  const [connection, setConnection] = useState<LiveStatus>("connecting");
  const { reload } = threads;
  useEffect(
    () => subscribeChannel("chat-threads:{unique}", (channel) => channel.on("postgres_changes", { event: "*", schema: "public", table: "chat_threads" }, reload), setConnection, reload),
    [reload],
  );
  return { ...threads, connection };
}
