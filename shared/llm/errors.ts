/** @module The one error type of the LLM layer: a stable string `code`, checked by a marker field. */
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

/** The HTTP status a function should answer with for each code. */
const HTTP_STATUS: Record<LlmErrorCode, number> = {
  llm_not_configured: 500,
  llm_unsupported: 501,
  llm_timeout: 504,
  llm_aborted: 409,
  llm_rate_limited: 503,
  llm_auth_error: 502,
  llm_bad_request: 502,
  llm_http_error: 502,
  llm_network_error: 502,
  llm_invalid_response: 502,
  llm_refusal: 422,
  llm_invalid_output: 502,
};

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
  /** The last model output, truncated, for `llm_invalid_output`. */
  lastOutput?: string;
  /** Tokens spent before the failure; they are billed all the same. */
  usage?: Usage;
  costUsd?: number;
  cause?: unknown;
}

/** The error every LLM call throws. Check with `isLlmError`, not `instanceof`. */
export class LlmError extends Error {
  readonly isLlmError = true as const;
  readonly code: LlmErrorCode;
  /** Suggested status for an HTTP answer about this failure. */
  readonly status: number;
  readonly details: Omit<LlmErrorDetails, "cause">;

  constructor(code: LlmErrorCode, message: string, details: LlmErrorDetails = {}) {
    const { cause, ...rest } = details;
    super(message, cause === undefined ? undefined : { cause });
    this.name = "LlmError";
    this.code = code;
    this.status = HTTP_STATUS[code];
    this.details = rest;
  }

  /** Worth trying again later (the same request may succeed). */
  get retryable(): boolean {
    return ["llm_timeout", "llm_rate_limited", "llm_http_error", "llm_network_error"].includes(this.code);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, status: this.status, message: this.message, ...this.details };
  }
}

/** True for any `LlmError`, including one from another copy of this module. */
export function isLlmError(error: unknown): error is LlmError {
  return typeof error === "object" && error !== null && (error as { isLlmError?: unknown }).isLlmError === true;
}
