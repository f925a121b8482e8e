/** @module One `LlmProvider` over any AI SDK model: generate or stream, structured output, refusals, usage and cost, errors as `LlmError`. */
import { NoObjectGeneratedError, Output, embedMany, generateText, jsonSchema, streamText, type EmbeddingModel, type LanguageModel, type LanguageModelUsage } from "ai";
import type { JsonSchema } from "../protocol/json-schema.ts";
import { LlmError } from "./errors.ts";
import { parseJsonText } from "./json-text.ts";
import { costOf } from "./pricing.ts";
import { toLlmError, type CallContext } from "./sdk-errors.ts";
import type { EmbedResult, FinishReason, GenerateRequest, GenerateResult, LlmProvider, Usage } from "./types.ts";

/**
 * How structured output is asked for:
 * `json_schema` — the provider's own mechanism (OpenAI strict `json_schema`, Anthropic `output_config.format`
 * or a forced tool, Gemini `responseJsonSchema`); `json_object` — JSON mode plus the schema in the system prompt;
 * `prompt` — the schema in the system prompt only, for servers without JSON mode.
 */
export type StructuredOutputMode = "json_schema" | "json_object" | "prompt";

/** Limit for one call, retries and a streamed body included: long enough for a long code file at a slow model's pace. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Output token limit when neither the request nor `CODEFORGE_LLM_MAX_OUTPUT_TOKENS` sets one. */
export const DEFAULT_MAX_TOKENS = 8192;

/** What every provider built on the SDK takes besides its model. */
export interface CallSettings {
  /** Limit for one call, retries included. Default 300 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/429/5xx and network errors (the SDK's back-off, Retry-After ≤ 60 s honoured). Default 2. */
  maxRetries?: number;
  /** Output token limit when a request sets none. Default 8192. */
  defaultMaxTokens?: number;
  /** `fetch` for the provider's HTTP calls (default the global one). */
  fetch?: typeof fetch;
}

/** An SDK model wrapped as an `LlmProvider`. */
export interface SdkProviderConfig extends Omit<CallSettings, "fetch"> {
  /** Provider name in results and errors. */
  name: string;
  model: Exclude<LanguageModel, string>;
  embeddingModel?: Exclude<EmbeddingModel, string>;
  structuredOutput?: StructuredOutputMode;
}

/** A schema name every provider accepts: `[A-Za-z0-9_-]{1,64}`. */
export function safeSchemaName(name: string | undefined): string {
  return (name ?? "").replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 64) || "output";
}

const schemaInstruction = (schema: JsonSchema) =>
  `Respond with a single JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(schema)}`;

/** JSON mode carries no schema (it is in the prompt): the SDK would warn on every call that the server ignores one. */
const outputFor = (mode: StructuredOutputMode, schema: JsonSchema, name: string) =>
  mode === "json_object" ? Output.json({ name }) : Output.object({ schema: jsonSchema(schema), name });

/** One answer before pricing: what both the plain and the streamed call yield. */
interface Answer {
  text: string;
  usage: LanguageModelUsage | undefined;
  finishReason: string | undefined;
  modelId: string | undefined;
}

const usageOf = (usage: LanguageModelUsage | undefined): Usage => ({ inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 });

const finishReason = (reason: string | undefined): FinishReason => (reason === "stop" || reason === "tool-calls" ? "stop" : reason === "length" ? "length" : "other");

/**
 * An `LlmProvider` over an AI SDK language model (and embedding model, when
 * given). `generate` streams when the request has `onToken`; a content-filter
 * finish (OpenAI's `refusal`, Anthropic's `stop_reason: refusal`, Gemini's
 * `SAFETY`) is `llm_refusal`; output that is not JSON comes back as text for
 * `generateStructured` to repair.
 */
export function createSdkProvider(config: SdkProviderConfig): LlmProvider {
  const { name, model } = config;
  const modelId = model.modelId;
  const mode = config.structuredOutput ?? "json_schema";

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const structured = request.schema !== undefined;
    const instructions = [request.system, structured && mode !== "json_schema" ? schemaInstruction(request.schema!) : undefined].filter(Boolean).join("\n\n");
    const call = {
      model,
      messages: request.messages,
      maxOutputTokens: request.maxTokens ?? config.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(instructions ? { instructions } : {}),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(config.maxRetries === undefined ? {} : { maxRetries: config.maxRetries }),
      ...(request.signal ? { abortSignal: request.signal } : {}),
      ...(structured && mode !== "prompt" ? { output: outputFor(mode, request.schema!, safeSchemaName(request.schemaName)) } : {}),
    };
    const context: CallContext = { provider: name, model: modelId, signal: request.signal, timeoutMs: call.timeout };
    let answer: Answer;
    try {
      answer = request.onToken ? await streamed(call, request.onToken, context) : await once(call);
    } catch (error) {
      throw toLlmError(error, context);
    }
    return priced(answer, structured);
  }

  function priced(answer: Answer, structured: boolean): GenerateResult {
    const answeredBy = answer.modelId ?? modelId;
    const cost = costOf(answeredBy, usageOf(answer.usage));
    if (answer.finishReason === "content-filter") {
      throw new LlmError("llm_refusal", `${name} refused: ${answer.text.slice(0, 500) || "no reason given"}`, { provider: name, model: answeredBy, usage: cost.usage, costUsd: cost.costUsd });
    }
    const result: GenerateResult = { text: answer.text, model: answeredBy, finishReason: finishReason(answer.finishReason), ...cost };
    const json = structured ? parseJsonText(answer.text) : undefined;
    if (json?.ok) result.parsed = json.value;
    return result;
  }

  async function embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<EmbedResult> {
    const embeddingModel = config.embeddingModel!;
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const context: CallContext = { provider: name, model: embeddingModel.modelId, signal: options.signal, timeoutMs };
    try {
      const { embeddings, usage } = await embedMany({
        model: embeddingModel,
        values: texts,
        maxParallelCalls: 2,
        abortSignal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
        ...(config.maxRetries === undefined ? {} : { maxRetries: config.maxRetries }),
      });
      const cost = costOf(embeddingModel.modelId, { inputTokens: usage.tokens, outputTokens: 0 });
      return { vectors: embeddings, model: embeddingModel.modelId, dimensions: embeddings[0]?.length ?? 0, ...cost };
    } catch (error) {
      throw toLlmError(error, context);
    }
  }

  return { name, model: modelId, generate, ...(config.embeddingModel ? { embed } : {}) };
}

type Call = Parameters<typeof generateText>[0] & Parameters<typeof streamText>[0];

async function once(call: Call): Promise<Answer> {
  try {
    const result = await generateText(call);
    return { text: result.text, usage: result.usage, finishReason: result.finishReason, modelId: result.response.modelId };
  } catch (error) {
    // Output that is not JSON: hand the text back so the caller can ask for a repair.
    if (!NoObjectGeneratedError.isInstance(error)) throw error;
    return { text: error.text ?? "", usage: error.usage, finishReason: error.finishReason, modelId: error.response?.modelId };
  }
}

async function streamed(call: Call, onToken: (delta: string) => void, context: CallContext): Promise<Answer> {
  const answer: Answer = { text: "", usage: undefined, finishReason: undefined, modelId: undefined };
  // Errors arrive as stream parts and are thrown below; the SDK's default onError would also log them.
  for await (const part of streamText({ ...call, onError: () => undefined }).stream) {
    if (part.type === "text-delta") {
      answer.text += part.text;
      onToken(part.text);
    } else if (part.type === "finish-step") {
      answer.modelId = part.response.modelId;
    } else if (part.type === "finish") {
      answer.finishReason = part.finishReason;
      answer.usage = part.totalUsage;
    } else if (part.type === "error") {
      if (!NoObjectGeneratedError.isInstance(part.error)) throw part.error;
    } else if (part.type === "abort") {
      if (context.signal?.aborted) throw context.signal.reason;
      throw new LlmError("llm_timeout", `${context.provider} did not answer within ${context.timeoutMs} ms`, { provider: context.provider, model: context.model });
    }
  }
  if (answer.finishReason === undefined || answer.finishReason === "interrupted") throw new LlmError("llm_network_error", `${context.provider} stream ended before the answer was complete`, { provider: context.provider, model: context.model });
  return answer;
}
