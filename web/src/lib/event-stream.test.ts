import { describe, expect, it } from "vitest";
import { parseEvents, readEventStream, type ServerEvent } from "./event-stream.ts";

describe("parseEvents", () => {
  it("reads named events with data and ids, skips heartbeats, and keeps the unfinished tail", () => {
    const { events, rest } = parseEvents('retry: 1000\n\nid: 5-running\nevent: progress\ndata: {"progress":5}\n\n: heartbeat\n\nevent: job_event\ndata: {"seq":1}\n\nevent: comp');
    expect(events).toEqual([
      { event: "progress", data: '{"progress":5}', id: "5-running" },
      { event: "job_event", data: '{"seq":1}' },
    ]);
    expect(rest).toBe("event: comp");
  });

  it("joins multi-line data and accepts CRLF", () => {
    expect(parseEvents("data: a\r\ndata: b\r\n\r\n").events).toEqual([{ event: "message", data: "a\nb" }]);
  });
});

describe("readEventStream", () => {
  it("delivers events split across chunks in order", async () => {
    const chunks = ["event: job_event\nda", 'ta: {"seq":1}\n\nevent: job_event\ndata: {"seq":2}\n', "\nevent: complete\ndata: {}\n\n"];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const seen: ServerEvent[] = [];
    await readEventStream(new Response(body), (event) => seen.push(event));
    expect(seen.map((e) => `${e.event}:${e.data}`)).toEqual(['job_event:{"seq":1}', 'job_event:{"seq":2}', "complete:{}"]);
  });
});
