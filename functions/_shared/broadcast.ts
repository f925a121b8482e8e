/** @module Sends a running stage's text to the browser as Realtime broadcasts on `job:{id}`, batched every 100 ms. */
import type { FunctionEnv } from "./context.ts";

export interface TextBroadcaster {
  push(jobId: string, stage: string, delta: string): void;
  /** Sends what is buffered; call before the invocation ends. */
  flush(): Promise<void>;
}

/** Broadcasts through Realtime's REST endpoint (no socket to hold open in a short-lived function). */
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
    if (!messages.length) return;
    const response = await fetch(`${env.SUPABASE_URL}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: env.SUPABASE_SERVICE_ROLE_KEY, authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ messages }),
    }).catch((error) => {
      console.error("broadcast failed:", error);
      return null;
    });
    await response?.body?.cancel();
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
