/** @module The provider interface every text model implements, and the shapes it exchanges. */
import type { JsonSchema } from "../protocol/json-schema.ts";

/** Tokens one call (or several, summed) consumed. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** One conversation turn; the system prompt is separate. */
export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** Why the model stopped. `length` means the output was cut at `maxTokens`. */
export type FinishReason = "stop" | "length" | "content_filter" | "other";

/** One text generation. */
export interface GenerateRequest {
  system?: string;
  messages: ChatMessage[];
  /** Ask for JSON matching this schema (see `jsonSchemaFor`). The answer is in `text`, and in `parsed` when it is valid JSON. */
  schema?: JsonSchema;
  /** Name of the schema for the provider (`[A-Za-z0-9_-]`, ≤ 64). Default `output`. */
  schemaName?: string;
  maxTokens?: number;
  temperature?: number;
  /** Aborts the call, retries and back-off included (`llm_aborted`). */
  signal?: AbortSignal;
  /** When given, the answer is streamed and each text delta (or JSON fragment) is passed here as it arrives. */
  onToken?: (delta: string) => void;
}

/** What a provider call costs and returns. */
export interface CallCost {
  usage: Usage;
  /** USD from the price table; 0 when the model is not in it. */
  costUsd: number;
  /** False when the model has no price in the table (cost reported as 0). */
  costKnown: boolean;
}

/** The answer to a `GenerateRequest`. */
export interface GenerateResult extends CallCost {
  text: string;
  /** `text` parsed as JSON, when a schema was asked for and the text parses. Not validated. */
  parsed?: unknown;
  /** The model that answered, as the provider names it. */
  model: string;
  finishReason: FinishReason;
}

/** Embedding vectors, one per input text, in input order. */
export interface EmbedResult extends CallCost {
  vectors: number[][];
  model: string;
  dimensions: number;
}

/**
 * A text model behind one interface. Implementations: OpenAI, Anthropic,
 * OpenAI-compatible endpoints, and the offline engine (written elsewhere).
 */
export interface LlmProvider {
  /** `openai`, `anthropic`, `openai-compatible`, `offline`, … */
  readonly name: string;
  /** The model requests go to. */
  readonly model: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Present only where the provider has embeddings. */
  embed?(texts: string[], options?: { signal?: AbortSignal }): Promise<EmbedResult>;
}
