/** @module Calls the CodeForge Edge Functions as the browser does, and reads Server-Sent Events. */
import type { TestStack } from "./stack.ts";

export interface Caller {
  apikey: string;
  token?: string;
}

/** Sends `method path` to /functions/v1 with the caller's key and token; `body` is sent as JSON unless it is a string. */
export function callFunction(stack: TestStack, caller: Caller, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.apiUrl}/functions/v1${path}`, {
    method,
    headers: {
      apikey: caller.apikey,
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads SSE events from a response until `until` returns true or the stream ends. */
export async function readEvents(response: Response, until: (events: SseEvent[]) => boolean = () => false): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = "";
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) event.comment = line.slice(1).trim();
          const [, field, value] = /^(\w+): ?(.*)$/.exec(line) ?? [];
          if (field === "id" || field === "event" || field === "data") event[field] = value;
        }
        if (event.event || event.comment) events.push(event);
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return events;
}

/** A newly signed-up user as both a function caller and a supabase-js client. */
export type SignedInCaller = Caller & { userId: string; client: import("@supabase/supabase-js").SupabaseClient };
