/** @module Realtime broadcasts from functions: a running stage's text on `job:{id}` (batched every 100 ms), and any messages through the REST endpoint. */
import type { FunctionEnv } from "./context.ts";

export interface TextBroadcaster {
  push(jobId: string, stage: string, delta: string): void;
  /** Sends what is buffered; call before the invocation ends. */
  flush(): Promise<void>;
}

/** One message for Realtime's broadcast REST endpoint. */
export interface BroadcastMessage {
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

/**
 * Sends `messages` through Realtime's REST endpoint (no socket to hold open in a
 * short-lived function) as private messages: only clients whose policies on
 * realtime.messages allow the topic receive them. Failures are logged, not thrown.
 */
export async function sendBroadcasts(env: FunctionEnv, messages: BroadcastMessage[]): Promise<void> {
  if (!messages.length) return;
  const response = await fetch(`${env.SUPABASE_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: env.SUPABASE_SERVICE_ROLE_KEY, authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ messages: messages.map((message) => ({ ...message, private: true })) }),
  }).catch((error) => {
    console.error("broadcast failed:", error);
    return null;
  });
  await response?.body?.cancel();
}

/** Batches a stage's text per job and stage into broadcasts on `job:{id}`. */
export function textBroadcaster(env: FunctionEnv, intervalMs = 100): TextBroadcaster {
  const buffers = new Map<string, { jobId: string; stage: string; text: string }>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = async () => {
    timer = null;
    const messages = [...buffers.values()].map(({ jobId, stage, text }) => ({
      topic: `job:${jobId}`,
      event: "token",
      payload: { stage, text },
    }));
    buffers.clear();
    await sendBroadcasts(env, messages);
  };
  return {
    push(jobId, stage, delta) {
      const key = `${jobId}:${stage}`;
      const buffer = buffers.get(key) ?? { jobId, stage, text: "" };
      buffer.text += delta;
      buffers.set(key, buffer);
      timer ??= setTimeout(send, intervalMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      await send();
    },
  };
}
