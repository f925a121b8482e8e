/** @module Realtime subscriptions with a status a UI can show, and a resync on every (re)join. */
import type { RealtimeChannel } from "@supabase/supabase-js";
import { supabase } from "./supabase.ts";

/** `live` once joined; `reconnecting` after an error or a closed socket until the channel joins again. */
export type LiveStatus = "connecting" | "live" | "reconnecting";

let counter = 0;
/**
 * realtime-js hands back the existing channel for a topic until its removal
 * completes, so a topic left and joined again at once (a remount) waits for
 * the removal first.
 */
const removals = new Map<string, Promise<unknown>>();

export interface SubscribeOptions {
  /** A private channel: the join carries the user's token and Realtime checks the topic's policies. */
  private?: boolean;
}

/**
 * Opens a channel configured by `configure`, reports its status, and calls
 * `onJoined` after each successful (re)join so the caller can fetch what it
 * missed. `{unique}` in `topic` is replaced by a counter (postgres_changes-only
 * channels); broadcast topics must match the sender's exactly. Returns the cleanup.
 * @example useEffect(() => subscribeChannel("projects:{unique}", (ch) => ch.on("postgres_changes", filter, reload), setStatus, reload), [])
 * @example subscribeChannel(`job:${id}`, (ch) => ch.on("broadcast", { event: "token" }, onToken), setStatus, replay, { private: true })
 */
export function subscribeChannel(
  topic: string,
  configure: (channel: RealtimeChannel) => RealtimeChannel,
  onStatus: (status: LiveStatus) => void,
  onJoined: () => void,
  options: SubscribeOptions = {},
): () => void {
  const client = supabase();
  const name = topic.replace("{unique}", String(++counter));
  let channel: RealtimeChannel | null = null;
  let closed = false;
  const open = () => {
    if (closed) return;
    channel = configure(client.channel(name, options.private ? { config: { private: true } } : undefined));
    channel.subscribe((status) => {
      if (closed) return;
      if (status === "SUBSCRIBED") {
        onStatus("live");
        onJoined();
      } else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT" || status === "CLOSED") {
        onStatus("reconnecting");
      }
    });
  };
  onStatus("connecting");
  // supabase-js reads the session token asynchronously: a private join sent before it is refused.
  const ready = [removals.get(name), options.private ? client.realtime.setAuth().catch(() => undefined) : undefined].filter(Boolean);
  if (ready.length > 0) void Promise.all(ready).then(open);
  else open();
  return () => {
    closed = true;
    if (!channel) return;
    const removal: Promise<unknown> = client.removeChannel(channel).catch(() => undefined).finally(() => {
      if (removals.get(name) === removal) removals.delete(name);
    });
    removals.set(name, removal);
  };
}
