/** @module A scripted local HTTP server speaking the OpenAI, Anthropic and Gemini wire formats, for testing the real providers. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** One SSE event: `data` strings are written raw (`[DONE]`), anything else as JSON. */
export interface SseItem {
  event?: string;
  data: unknown;
}

/** How the fake answers one request. */
export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string; delayMs?: number }
  | {
      sse: SseItem[];
      status?: number;
      delayMs?: number;
      /** Pause between events. */
      gapMs?: number;
      /** Write the stream in pieces of this many bytes (splits lines and UTF-8 sequences). */
      pieceBytes?: number;
      /** Keep the connection open after the last event instead of ending it. */
      hang?: boolean;
    };

export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** How many responses the client closed before the fake finished them. */
  clientAborts(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function sseText(items: SseItem[]): string {
  return items.map(({ event, data }) => `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`).join("");
}

/** Starts a fake on 127.0.0.1 answering with `script[n]` to the n-th request (or what the function returns). */
export async function startFakeServer(script: Reply[] | ((request: RecordedRequest, index: number) => Reply)): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let aborted = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // keep the raw text
    }
    const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
    const index = requests.push(recorded) - 1;
    const reply = typeof script === "function" ? script(recorded, index) : script[index];
    let closed = false;
    res.on("close", () => {
      if (!res.writableEnded) aborted += 1;
      closed = true;
    });
    if (!reply) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no scripted reply for request ${index}` } }));
      return;
    }
    if (reply.delayMs) await sleep(reply.delayMs);
    if (closed) return;
    if ("sse" in reply) {
      res.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const item of reply.sse) {
        const bytes = Buffer.from(sseText([item]));
        const size = reply.pieceBytes ?? bytes.length;
        for (let start = 0; start < bytes.length; start += size) {
          if (closed) return;
          res.write(bytes.subarray(start, start + size));
          if (reply.pieceBytes) await sleep(1);
        }
        if (reply.gapMs) await sleep(reply.gapMs);
      }
      if (!reply.hang && !closed) res.end();
      return;
    }
    const text = reply.json === undefined ? (reply.text ?? "") : JSON.stringify(reply.json);
    res.writeHead(reply.status ?? 200, { "content-type": reply.json === undefined ? "text/plain" : "application/json", ...reply.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clientAborts: () => aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------
// OpenAI Chat Completions
// ---------------------------------------------------------------------------

export interface OpenAiAnswer {
  model?: string;
  usage?: [input: number, output: number];
  finish?: string;
  refusal?: string;
}

/** A non-streamed `chat.completion` body. */
export function openAiCompletion(content: string | null, options: OpenAiAnswer = {}): unknown {
  const [input, output] = options.usage ?? [10, 5];
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_760_000_000,
    model: options.model ?? "gpt-4.1-mini-2025-04-14",
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: options.refusal ?? null }, logprobs: null, finish_reason: options.finish ?? "stop" },
    ],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
    system_fingerprint: "fp_test",
  };
}

/** The `chat.completion.chunk` events of a stream with `include_usage`, ending in `[DONE]`. */
export function openAiStream(deltas: string[], options: OpenAiAnswer & { done?: boolean } = {}): SseItem[] {
  const model = options.model ?? "gpt-4.1-mini-2025-04-14";
  const [input, output] = options.usage ?? [10, 5];
  const chunk = (choices: unknown[], usage: unknown = null) => ({
    data: { id: "chatcmpl-test", object: "chat.completion.chunk", created: 1_760_000_000, model, choices, usage },
  });
  return [
    chunk([{ index: 0, delta: { role: "assistant", content: "", refusal: null }, finish_reason: null }]),
    ...deltas.map((content) => chunk([{ index: 0, delta: { content }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: options.finish ?? "stop" }]),
    chunk([], { prompt_tokens: input, completion_tokens: output, total_tokens: input + output }),
    ...(options.done === false ? [] : [{ data: "[DONE]" }]),
  ];
}

/** OpenAI's `POST /v1/embeddings` answer to `body` (its `input`), each text's vector from `vectorOf`. */
export function openAiEmbeddings(body: { input: string | string[]; model?: string }, vectorOf: (text: string) => number[]): unknown {
  const input = typeof body.input === "string" ? [body.input] : body.input;
  const tokens = input.reduce((sum, text) => sum + text.split(/\s+/).filter(Boolean).length, 0);
  return {
    object: "list",
    data: input.map((text, index) => ({ object: "embedding", index, embedding: vectorOf(text) })),
    model: body.model ?? "text-embedding-3-small",
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** OpenAI's error body. */
export function openAiError(message: string, type = "invalid_request_error"): unknown {
  return { error: { message, type, param: null, code: null } };
}

/** The functions' environment for an OpenAI provider served by `server`, with no retries; `extra` adds or overrides settings. */
export function openAiEnv(server: { url: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, CODEFORGE_LLM_MAX_RETRIES: "0", ...extra };
}

// ---------------------------------------------------------------------------
// Anthropic Messages
// ---------------------------------------------------------------------------

export interface AnthropicAnswer {
  model?: string;
  usage?: [input: number, output: number];
  stopReason?: string;
}

/** A non-streamed message: text, or a `tool_use` block when `tool` is given. */
export function anthropicMessage(content: { text?: string; tool?: { name: string; input: unknown } }, options: AnthropicAnswer = {}): unknown {
  const [input, output] = options.usage ?? [12, 6];
  const blocks = content.tool
    ? [{ type: "tool_use", id: "toolu_test", name: content.tool.name, input: content.tool.input }]
    : [{ type: "text", text: content.text ?? "" }];
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model: options.model ?? "claude-sonnet-4-5-20250929",
    content: blocks,
    stop_reason: options.stopReason ?? (content.tool ? "tool_use" : "end_turn"),
    stop_sequence: null,
    usage: { input_tokens: input, output_tokens: output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** The events of a streamed message: text deltas, or JSON fragments of a tool's input when `toolName` is given. */
export function anthropicStream(pieces: string[], options: AnthropicAnswer & { toolName?: string; stop?: boolean } = {}): SseItem[] {
  const [input, output] = options.usage ?? [12, 6];
  const ev = (event: string, data: Record<string, unknown>): SseItem => ({ event, data: { type: event, ...data } });
  const block = options.toolName ? { type: "tool_use", id: "toolu_test", name: options.toolName, input: {} } : { type: "text", text: "" };
  return [
    ev("message_start", {
      message: {
        id: "msg_test",
        type: "message",
        role: "assistant",
        model: options.model ?? "claude-sonnet-4-5-20250929",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: input, output_tokens: 1 },
      },
    }),
    ev("content_block_start", { index: 0, content_block: block }),
    ev("ping", {}),
    ...pieces.map((piece) =>
      ev("content_block_delta", {
        index: 0,
        delta: options.toolName ? { type: "input_json_delta", partial_json: piece } : { type: "text_delta", text: piece },
      }),
    ),
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", { delta: { stop_reason: options.stopReason ?? (options.toolName ? "tool_use" : "end_turn"), stop_sequence: null }, usage: { output_tokens: output } }),
    ...(options.stop === false ? [] : [ev("message_stop", {})]),
  ];
}

/** Anthropic's error body. */
export function anthropicError(type: string, message: string): unknown {
  return { type: "error", error: { type, message } };
}

// ---------------------------------------------------------------------------
// Google Gemini (generateContent / streamGenerateContent?alt=sse)
// ---------------------------------------------------------------------------

export interface GeminiAnswer {
  model?: string;
  usage?: [input: number, output: number];
  finish?: string;
}

const geminiUsage = ([input, output]: [number, number]) => ({ promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output });

/** A `generateContent` response with one candidate. */
export function geminiResponse(text: string, options: GeminiAnswer = {}): unknown {
  return {
    candidates: [{ content: { role: "model", parts: text === "" ? [] : [{ text }] }, finishReason: options.finish ?? "STOP", index: 0 }],
    usageMetadata: geminiUsage(options.usage ?? [11, 4]),
    modelVersion: options.model ?? "gemini-2.5-flash",
    responseId: "resp-test",
  };
}

/** The `data:` chunks of `streamGenerateContent?alt=sse`: one per piece, the last with the finish reason and usage. */
export function geminiStream(pieces: string[], options: GeminiAnswer = {}): SseItem[] {
  const model = options.model ?? "gemini-2.5-flash";
  return pieces.map((text, index) => ({
    data: {
      candidates: [
        { content: { role: "model", parts: [{ text }] }, index: 0, ...(index === pieces.length - 1 ? { finishReason: options.finish ?? "STOP" } : {}) },
      ],
      ...(index === pieces.length - 1 ? { usageMetadata: geminiUsage(options.usage ?? [11, 4]) } : {}),
      modelVersion: model,
      responseId: "resp-test",
    },
  }));
}

/** Google's error body. */
export function googleError(code: number, status: string, message: string, reason?: string): unknown {
  return {
    error: {
      code,
      message,
      status,
      ...(reason ? { details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com" }] } : {}),
    },
  };
}
