/** @module The one error type of the LLM layer: a stable string `code`, checked by a marker field. */
import { AppError } from "../errors.ts";
import type { Usage } from "./types.ts";

/** Every code an `LlmError` can carry. Kept here and nowhere else. */
export const LLM_ERROR_CODES = [
  "llm_not_configured", // the chosen provider lacks a key, URL or model, or an env value is malformed
  "llm_unsupported", // the provider cannot do this (e.g. embeddings on Anthropic)
  "llm_timeout", // the per-call timeout fired
  "llm_aborted", // the caller's signal aborted (job cancelled)
  "llm_rate_limited", // 429 after the retries, or a Retry-After longer than we wait
  "llm_auth_error", // 401 / 403: bad or missing key
  "llm_bad_request", // 400 / 404 / 422: the request was wrong; never retried
  "llm_http_error", // any other non-2xx, incl. 5xx after the retries, or an error event mid-stream
  "llm_network_error", // connection refused or reset after the retries
  "llm_invalid_response", // the provider answered 2xx with a body we cannot read
  "llm_refusal", // the model refused to answer
  "llm_invalid_output", // the model's output failed the schema after every repair attempt
] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

/** One validation problem of a model's output, as zod reports it. */
export interface LlmIssue {
  path: Array<string | number>;
  message: string;
  code?: string;
}

/** Everything an `LlmError` may carry besides code and message. */
export interface LlmErrorDetails {
  provider?: string;
  model?: string;
  /** The provider's HTTP status, when one answered. */
  upstreamStatus?: number;
  /** How long the provider asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** HTTP attempts for transport errors; model answers for `llm_invalid_output`. */
  attempts?: number;
  issues?: LlmIssue[];
  /** The provider refused the request because the prompt does not fit the model's context window. */
  contextTooLong?: boolean;
  /** The last model output, truncated, for `llm_invalid_output`. */
  lastOutput?: string;
  /** Tokens spent before the failure; they are billed all the same. */
  usage?: Usage;
  costUsd?: number;
  cause?: unknown;
}

/** The error every LLM call throws: an AppError whose code is one of `LLM_ERROR_CODES`. Check with `isLlmError`, not `instanceof`. */
export class LlmError extends AppError {
  readonly isLlmError = true as const;
  declare readonly code: LlmErrorCode;
  declare readonly details: Omit<LlmErrorDetails, "cause">;

  constructor(code: LlmErrorCode, message: string, details: LlmErrorDetails = {}) {
    const { cause, ...rest } = details;
    super(code, message, rest, cause === undefined ? undefined : { cause });
    this.name = "LlmError";
  }

  /** Worth trying again later (the same request may succeed). */
  get retryable(): boolean {
    return ["llm_timeout", "llm_rate_limited", "llm_http_error", "llm_network_error"].includes(this.code);
  }
}

/** True for any `LlmError`, including one from another copy of this module. */
export function isLlmError(error: unknown): error is LlmError {
  return typeof error === "object" && error !== null && (error as { isLlmError?: unknown }).isLlmError === true;
}
