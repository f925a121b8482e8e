/** @module CodeForge's LLM layer: one provider interface over the AI SDK (OpenAI, Anthropic, Gemini, OpenAI-compatible), structured output with repair, usage and cost. */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./pricing.ts";
export * from "./usage-meter.ts";
export { parseJsonText, type JsonText } from "./json-text.ts";
export { MAX_RETRY_AFTER_MS, retryAfterMs } from "./sdk-errors.ts";
export { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, createSdkProvider, type CallSettings, type SdkProviderConfig, type StructuredOutputMode } from "./sdk-provider.ts";
export * from "./providers.ts";
export * from "./structured.ts";
export * from "./select-provider.ts";
