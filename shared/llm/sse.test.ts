import { describe, expect, it } from "vitest";
import { backoffDelay, parseJsonText, readSse, retryAfterMs, type SseEvent } from "./index.ts";

/** A body that delivers `pieces` as separate chunks. */
function body(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function events(pieces: string[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readSse(body(pieces))) out.push(event);
  return out;
}

describe("readSse", () => {
  it("reads named events, default names, multi-line data and comments", async () => {
    expect(await events([": keep-alive\n\nevent: progress\ndata: {\"a\":1}\n\ndata: line 1\ndata: line 2\nid: 7\n\n"])).toEqual([
      { event: "progress", data: '{"a":1}' },
      { event: "message", data: "line 1\nline 2", id: "7" },
    ]);
  });

  it("handles chunks split anywhere, CRLF and CR line ends, and multi-byte characters", async () => {
    const text = "event: a\r\ndata: wörld\r\n\r\ndata: b\r\rdata:c\n\n";
    const bytes = new TextEncoder().encode(text);
    // one byte per chunk: splits CRLF pairs and the two bytes of "ö"
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const out: SseEvent[] = [];
    for await (const event of readSse(stream)) out.push(event);
    expect(out).toEqual([
      { event: "a", data: "wörld" },
      { event: "message", data: "b" },
      { event: "message", data: "c" },
    ]);
  });

  it("drops an event the stream cut before its blank line", async () => {
    expect(await events(["data: whole\n\n", "data: cut"])).toEqual([{ event: "message", data: "whole" }]);
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds, an HTTP date, or retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "0.5" }))).toBe(500);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "120", "retry-after": "9" }))).toBe(120);
    const now = Date.parse("2026-01-15T10:30:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 15 Jan 2026 10:30:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "later" }))).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped", () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(2, policy, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
  });
});

describe("parseJsonText", () => {
  it("parses bare, fenced and prose-wrapped JSON and reports the rest", () => {
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('Sure! {"a":1} Hope that helps.')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('{"a":')).toMatchObject({ ok: false });
    expect(parseJsonText("")).toEqual({ ok: false, error: "empty answer" });
  });
});
