/** @module A Server-Sent Events reader over a fetch body (WHATWG EventSource parsing rules). */

/** One dispatched event. `event` is `message` when the stream named none. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Yields the events of an SSE stream as they complete. Handles `\n`, `\r\n`
 * and `\r` line ends, multi-line `data:`, comments and chunks split anywhere.
 * @example for await (const { event, data } of readSse(response.body!)) console.log(event, data);
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  const take = (line: string): SseEvent | undefined => {
    if (line === "") {
      const dispatched = data.length > 0 ? { event: event || "message", data: data.join("\n"), ...(id === undefined ? {} : { id }) } : undefined;
      event = "";
      data = [];
      return dispatched;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
    return undefined;
  };
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // Split off complete lines; a trailing "\r" may be half of "\r\n", so keep it until more arrives.
      const lines = buffer.split(/\r\n|\n|\r(?!$)/);
      buffer = done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        const dispatched = take(line.endsWith("\r") ? line.slice(0, -1) : line);
        if (dispatched) yield dispatched;
      }
      if (done) {
        finished = true; // an event not closed by a blank line is dropped, as EventSource does
        return;
      }
    }
  } finally {
    // Stopped early (consumer broke off, or the read failed): close the connection.
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
}
