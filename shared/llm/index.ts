/** @module CodeForge's LLM layer: one provider interface, OpenAI / Anthropic / OpenAI-compatible over fetch, structured output with repair, usage and cost. */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./pricing.ts";
export * from "./usage-meter.ts";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, backoffDelay, retryAfterMs, type RetryPolicy, type TransportOptions } from "./transport.ts";
export { readSse, type SseEvent } from "./sse.ts";
export { parseJsonText, type JsonText } from "./json-text.ts";
export * from "./openai.ts";
export * from "./anthropic.ts";
export * from "./structured.ts";
export * from "./select-provider.ts";
