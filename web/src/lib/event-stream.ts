/** @module Server-Sent Events read from a fetch `Response` (EventSource cannot send the Authorization header). */

export interface ServerEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits an SSE text chunk stream into events. Keeps the unfinished tail in
 * `buffer`; comments (heartbeats) and field-less blocks yield nothing.
 */
export function parseEvents(buffer: string): { events: ServerEvent[]; rest: string } {
  const events: ServerEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
      else continue;
      fields++;
    }
    if (fields && data.length) events.push({ event, data: data.join("\n"), ...(id === undefined ? {} : { id }) });
  }
  return { events, rest };
}

/** Reads `response` to its end (or until `signal` aborts), calling `onEvent` for each event. */
export async function readEventStream(response: Response, onEvent: (event: ServerEvent) => void, signal?: AbortSignal): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", stop, { once: true });
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal?.aborted) return;
      const { events, rest } = parseEvents(buffer + value);
      buffer = rest;
      for (const event of events) onEvent(event);
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}
