/** @module The network providers: OpenAI, Anthropic, Google Gemini and any OpenAI-compatible server, each an AI SDK provider behind `LlmProvider`. */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogle } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { refuseLongWaits } from "./sdk-errors.ts";
import { createSdkProvider, type CallSettings, type StructuredOutputMode } from "./sdk-provider.ts";
import type { LlmProvider } from "./types.ts";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OPENAI_DEFAULT_MODEL = "gpt-4.1-mini";
export const OPENAI_DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";
export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_DEFAULT_MODEL = "claude-sonnet-4-5";
export const GOOGLE_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
export const GOOGLE_DEFAULT_MODEL = "gemini-2.5-flash";

/** Where a provider is and which model it runs. */
export interface ProviderSettings extends CallSettings {
  apiKey?: string;
  baseUrl?: string;
  model?: string;
}

/** The settings' `fetch`, failing at once on a Retry-After longer than the SDK waits. */
const fetchFor = (settings: CallSettings, provider: string, model: string) => refuseLongWaits(settings.fetch ?? globalThis.fetch.bind(globalThis), provider, model);

const callSettings = ({ timeoutMs, maxRetries, defaultMaxTokens }: CallSettings) => ({
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
  ...(maxRetries === undefined ? {} : { maxRetries }),
  ...(defaultMaxTokens === undefined ? {} : { defaultMaxTokens }),
});

/**
 * OpenAI Chat Completions (`{baseUrl}/chat/completions`, strict `json_schema`)
 * with embeddings (`{baseUrl}/embeddings`, default `text-embedding-3-small`; `null` for none).
 * @example createOpenAiProvider({ apiKey: env.OPENAI_API_KEY })
 */
export function createOpenAiProvider(settings: ProviderSettings & { embeddingModel?: string | null } = {}): LlmProvider {
  const model = settings.model ?? OPENAI_DEFAULT_MODEL;
  const embeddingModel = settings.embeddingModel === undefined ? OPENAI_DEFAULT_EMBEDDING_MODEL : settings.embeddingModel;
  const openai = createOpenAI({ apiKey: settings.apiKey ?? "", baseURL: settings.baseUrl ?? OPENAI_DEFAULT_BASE_URL, fetch: fetchFor(settings, "openai", model) });
  return createSdkProvider({
    ...callSettings(settings),
    name: "openai",
    model: openai.chat(model),
    ...(embeddingModel ? { embeddingModel: openai.embeddingModel(embeddingModel) } : {}),
  });
}

/**
 * The Anthropic Messages API (`{baseUrl}/v1/messages`); a schema goes out as
 * `output_config.format`, or as a forced tool for models without it. No embeddings.
 */
export function createAnthropicProvider(settings: ProviderSettings & { apiKey: string; version?: string }): LlmProvider {
  const model = settings.model ?? ANTHROPIC_DEFAULT_MODEL;
  const anthropic = createAnthropic({
    apiKey: settings.apiKey,
    baseURL: `${(settings.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "")}/v1`,
    fetch: fetchFor(settings, "anthropic", model),
    ...(settings.version ? { headers: { "anthropic-version": settings.version } } : {}),
  });
  return createSdkProvider({ ...callSettings(settings), name: "anthropic", model: anthropic(model) });
}

/** Google Gemini (`{baseUrl}/models/{model}:generateContent`, `x-goog-api-key`); a schema goes out as `responseJsonSchema`. No embeddings here. */
export function createGoogleProvider(settings: ProviderSettings & { apiKey: string }): LlmProvider {
  const model = settings.model ?? GOOGLE_DEFAULT_MODEL;
  const google = createGoogle({ apiKey: settings.apiKey, baseURL: settings.baseUrl ?? GOOGLE_DEFAULT_BASE_URL, fetch: fetchFor(settings, "google", model) });
  return createSdkProvider({ ...callSettings(settings), name: "google", model: google(model) });
}

/** Settings of an OpenAI-compatible server: base URL and model required, the key optional (Ollama and LM Studio need none). */
export interface OpenAiCompatibleSettings extends ProviderSettings {
  baseUrl: string;
  model: string;
  /** Default `json_object`: most local servers have JSON mode but not strict schemas. */
  structuredOutput?: StructuredOutputMode;
  /** An embedding model the server runs (`LLM_EMBEDDING_MODEL`); no embeddings without one. */
  embeddingModel?: string;
}

/**
 * Any server speaking OpenAI's Chat Completions (Ollama, LM Studio, vLLM, OpenRouter …).
 * @example createOpenAiCompatibleProvider({ baseUrl: "http://localhost:11434/v1", model: "llama3.1" })
 */
export function createOpenAiCompatibleProvider(settings: OpenAiCompatibleSettings): LlmProvider {
  const structuredOutput = settings.structuredOutput ?? "json_object";
  const server = createOpenAICompatible({
    name: "openai-compatible",
    baseURL: settings.baseUrl,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    fetch: fetchFor(settings, "openai-compatible", settings.model),
    includeUsage: true,
    supportsStructuredOutputs: structuredOutput === "json_schema",
  });
  return createSdkProvider({
    ...callSettings(settings),
    name: "openai-compatible",
    model: server.chatModel(settings.model),
    structuredOutput,
    ...(settings.embeddingModel ? { embeddingModel: server.embeddingModel(settings.embeddingModel) } : {}),
  });
}
