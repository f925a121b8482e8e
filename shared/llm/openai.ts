/** @module OpenAI Chat Completions provider over fetch; also serves any OpenAI-compatible endpoint (Ollama, vLLM, OpenRouter). */
import { z } from "zod";
import { LlmError } from "./errors.ts";
import { buildResult, decodeChunk, joinSystem, parseChunk, readBody, refusal, safeSchemaName, schemaInstruction } from "./provider-kit.ts";
import { costOf, emptyUsage } from "./pricing.ts";
import { readSse } from "./sse.ts";
import { postWithRetry, type TransportOptions } from "./transport.ts";
import type { EmbedResult, FinishReason, GenerateRequest, GenerateResult, LlmProvider, Usage } from "./types.ts";

/**
 * How structured output is requested:
 * `json_schema` — `response_format: { type: "json_schema", json_schema: { name, strict: true, schema } }` (OpenAI, recent vLLM/Ollama);
 * `json_object` — `response_format: { type: "json_object" }` plus the schema in the system prompt;
 * `prompt` — the schema in the system prompt only, for servers without `response_format`.
 */
export type StructuredOutputMode = "json_schema" | "json_object" | "prompt";

/** Settings of an OpenAI (or compatible) provider. */
export interface OpenAiProviderConfig extends TransportOptions {
  apiKey?: string;
  /** API root, ending in `/v1`. Default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Default `gpt-4.1-mini`. */
  model?: string;
  /** Embedding model, or `null` for none. Default `text-embedding-3-small`. */
  embeddingModel?: string | null;
  /** Ask the embedding model for this many dimensions (text-embedding-3-* support it). */
  embeddingDimensions?: number;
  /** Provider name in results and errors. Default `openai`. */
  name?: string;
  /** Default `json_schema`. */
  structuredOutput?: StructuredOutputMode;
  /** OpenAI wants `max_completion_tokens`; older compatible servers only know `max_tokens`. */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** Output token limit when a request sets none. Default 8192. */
  defaultMaxTokens?: number;
  /** Extra headers, e.g. OpenRouter's `HTTP-Referer` / `X-Title`. */
  headers?: Record<string, string>;
}

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OPENAI_DEFAULT_MODEL = "gpt-4.1-mini";
export const OPENAI_DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";
/** Inputs per embeddings request (the API allows 2048; smaller batches keep each request well under its token limit). */
const EMBED_BATCH = 128;

const UsageBody = z.object({ prompt_tokens: z.number(), completion_tokens: z.number().optional() });
const Completion = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: UsageBody.nullish(),
});
const Chunk = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).optional(),
        finish_reason: z.string().nullish(),
      }),
    )
    .optional(),
  usage: UsageBody.nullish(),
  error: z.object({ message: z.string().optional(), code: z.unknown().optional() }).optional(),
});
const Embeddings = z.object({
  model: z.string().optional(),
  data: z.array(z.object({ index: z.number(), embedding: z.array(z.number()) })),
  usage: z.object({ prompt_tokens: z.number() }).nullish(),
});

const finishReason = (reason: string | null | undefined): FinishReason =>
  reason === "stop" || reason === "length" || reason === "content_filter" ? reason : reason === "tool_calls" ? "stop" : "other";

const usageOf = (usage: z.infer<typeof UsageBody> | null | undefined): Usage => ({
  inputTokens: usage?.prompt_tokens ?? 0,
  outputTokens: usage?.completion_tokens ?? 0,
});

/**
 * An OpenAI Chat Completions provider (`POST {baseUrl}/chat/completions`, Bearer key).
 * Structured output per `structuredOutput`; streaming (SSE, usage in the last chunk)
 * when the request has `onToken`; embeddings via `POST {baseUrl}/embeddings`.
 * @example const llm = createOpenAiProvider({ apiKey: env.OPENAI_API_KEY }); await llm.generate({ messages: [{ role: "user", content: "Hi" }] });
 */
export function createOpenAiProvider(config: OpenAiProviderConfig = {}): LlmProvider {
  const name = config.name ?? "openai";
  const model = config.model ?? OPENAI_DEFAULT_MODEL;
  const baseUrl = (config.baseUrl ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const mode = config.structuredOutput ?? "json_schema";
  const embeddingModel = config.embeddingModel === undefined ? OPENAI_DEFAULT_EMBEDDING_MODEL : config.embeddingModel;
  const headers = { ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}), ...config.headers };

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const structured = request.schema !== undefined;
    const system = joinSystem(request.system, structured && mode !== "json_schema" ? schemaInstruction(request.schema!) : undefined);
    const body: Record<string, unknown> = {
      model,
      messages: [...(system === undefined ? [] : [{ role: "system", content: system }]), ...request.messages],
      [config.maxTokensField ?? "max_completion_tokens"]: request.maxTokens ?? config.defaultMaxTokens ?? 8192,
    };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (structured && mode === "json_schema") {
      body.response_format = { type: "json_schema", json_schema: { name: safeSchemaName(request.schemaName), strict: true, schema: request.schema } };
    } else if (structured && mode === "json_object") {
      body.response_format = { type: "json_object" };
    }
    const stream = request.onToken !== undefined;
    if (stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    const call = { provider: name, model, url: `${baseUrl}/chat/completions`, headers, body, ...(request.signal ? { signal: request.signal } : {}) };
    return postWithRetry(call, config, async (response) => {
      if (stream) return readStream(response, request.onToken!, structured);
      const completion = await readBody(response, Completion, name, model);
      const choice = completion.choices[0]!;
      const answeredBy = completion.model ?? model;
      const usage = usageOf(completion.usage);
      if (choice.message.refusal) throw refusal(name, answeredBy, choice.message.refusal, usage);
      return buildResult({ text: choice.message.content ?? "", model: answeredBy, usage, finishReason: finishReason(choice.finish_reason), structured });
    });
  }

  async function readStream(response: Response, onToken: (delta: string) => void, structured: boolean): Promise<GenerateResult> {
    if (!response.body) throw new LlmError("llm_invalid_response", `${name} sent no stream body`, { provider: name, model });
    let text = "";
    let refused = "";
    let answeredBy = model;
    let usage = emptyUsage();
    let reason: string | null | undefined;
    let done = false;
    for await (const { data } of readSse(response.body)) {
      if (data === "[DONE]") {
        done = true;
        break;
      }
      const chunk = parseChunk(decodeChunk(data, name, model), Chunk, name, model);
      if (chunk.error) throw new LlmError("llm_http_error", `${name} stream error: ${chunk.error.message ?? "unknown"}`, { provider: name, model });
      if (chunk.model) answeredBy = chunk.model;
      if (chunk.usage) usage = usageOf(chunk.usage);
      for (const choice of chunk.choices ?? []) {
        if (choice.delta?.content) {
          text += choice.delta.content;
          onToken(choice.delta.content);
        }
        if (choice.delta?.refusal) refused += choice.delta.refusal;
        if (choice.finish_reason) reason = choice.finish_reason;
      }
    }
    if (!done && !reason) throw new LlmError("llm_network_error", `${name} stream ended before the answer was complete`, { provider: name, model });
    if (refused) throw refusal(name, answeredBy, refused, usage);
    return buildResult({ text, model: answeredBy, usage, finishReason: finishReason(reason), structured });
  }

  async function embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<EmbedResult> {
    const vectors: number[][] = [];
    let inputTokens = 0;
    let answeredBy = embeddingModel!;
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const input = texts.slice(start, start + EMBED_BATCH);
      const body: Record<string, unknown> = { model: embeddingModel, input, encoding_format: "float" };
      if (config.embeddingDimensions !== undefined) body.dimensions = config.embeddingDimensions;
      const call = { provider: name, model: embeddingModel!, url: `${baseUrl}/embeddings`, headers, body, ...(options.signal ? { signal: options.signal } : {}) };
      const answer = await postWithRetry(call, config, (response) => readBody(response, Embeddings, name, embeddingModel!));
      if (answer.data.length !== input.length) {
        throw new LlmError("llm_invalid_response", `${name} returned ${answer.data.length} embeddings for ${input.length} texts`, { provider: name, model: embeddingModel! });
      }
      vectors.push(...[...answer.data].sort((a, b) => a.index - b.index).map((item) => item.embedding));
      inputTokens += answer.usage?.prompt_tokens ?? 0;
      answeredBy = answer.model ?? answeredBy;
    }
    return { vectors, model: answeredBy, dimensions: vectors[0]?.length ?? 0, ...costOf(answeredBy, { inputTokens, outputTokens: 0 }) };
  }

  return { name, model, generate, ...(embeddingModel ? { embed } : {}) };
}

/** Settings of an OpenAI-compatible endpoint: base URL and model are required, the key optional (Ollama needs none). */
export interface OpenAiCompatibleConfig extends Omit<OpenAiProviderConfig, "baseUrl" | "model"> {
  baseUrl: string;
  model: string;
}

/**
 * Any server speaking OpenAI's Chat Completions wire format (Ollama, vLLM,
 * OpenRouter, LM Studio …). Defaults differ from OpenAI's: structured output via
 * `json_object` + the schema in the prompt, `max_tokens`, no embeddings unless `embeddingModel` is set.
 * @example createOpenAiCompatibleProvider({ baseUrl: "http://localhost:11434/v1", model: "llama3.1" })
 */
export function createOpenAiCompatibleProvider(config: OpenAiCompatibleConfig): LlmProvider {
  return createOpenAiProvider({
    ...config,
    name: config.name ?? "openai-compatible",
    structuredOutput: config.structuredOutput ?? "json_object",
    maxTokensField: config.maxTokensField ?? "max_tokens",
    embeddingModel: config.embeddingModel ?? null,
  });
}
