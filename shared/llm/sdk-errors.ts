/** @module Turning what the AI SDK throws into the one `LlmError`, and refusing Retry-After waits longer than the SDK honours. */
import { APICallError, InvalidResponseDataError, RetryError, StreamProviderError } from "ai";
import { LlmError, isLlmError, type LlmErrorCode } from "./errors.ts";

/** The SDK waits out a Retry-After of up to 60 s between its retries; a longer one fails the call at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Who was called, for the error's details. */
export interface CallContext {
  provider: string;
  model: string;
  /** The caller's signal: when it fired, any failure is `llm_aborted`. */
  signal?: AbortSignal | undefined;
  /** The SDK's limit for the whole call, named in `llm_timeout`. */
  timeoutMs: number;
}

/** Milliseconds the provider asks us to wait: `retry-after-ms`, or `Retry-After` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, now: number = Date.now()): number | undefined {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? undefined;
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Providers say so in different words; all of them answer 400 (or 413). */
const CONTEXT_TOO_LONG = /context[ _]length|context window|prompt is too long|too many (input )?tokens|input token count .* exceeds|maximum number of tokens/i;

function statusCode(status: number): LlmErrorCode {
  if (status === 429) return "llm_rate_limited";
  if (status === 401 || status === 403) return "llm_auth_error";
  if (status === 400 || status === 404 || status === 413 || status === 422) return "llm_bad_request";
  return "llm_http_error";
}

/** The provider's own words from a JSON error body (`{ error: { message } }`, or `{ error: "…" }` as LM Studio writes it), else `fallback`. */
function providerMessage(body: string | undefined, fallback: string): string {
  try {
    const parsed = JSON.parse(body ?? "") as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === "string" ? parsed.error : parsed.error?.message;
    if (typeof message === "string" && message !== "") return message.slice(0, 500);
  } catch {
    // not JSON
  }
  return (fallback || body || "(no body)").slice(0, 500);
}

function fromApiCall(error: APICallError, context: CallContext, attempts: number): LlmError {
  const base = { provider: context.provider, model: context.model, attempts, cause: error };
  if (error.statusCode !== undefined && error.statusCode < 300) {
    return new LlmError("llm_invalid_response", `${context.provider} answered ${error.statusCode} with a body we cannot read: ${error.message}`, base);
  }
  if (error.statusCode === undefined) return new LlmError("llm_network_error", `${context.provider} unreachable: ${error.message}`, base);
  const status = error.statusCode;
  const wait = retryAfterMs(error.responseHeaders);
  const details = { ...base, upstreamStatus: status, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  const said = providerMessage(error.responseBody, error.message);
  if ((status === 400 || status === 413) && CONTEXT_TOO_LONG.test(`${said} ${error.responseBody ?? ""}`)) {
    return new LlmError("llm_bad_request", `${context.provider}: the prompt is longer than ${context.model}'s context window (${said})`, {
      ...details,
      contextTooLong: true,
    });
  }
  // Gemini answers a bad key with 400 API_KEY_INVALID rather than 401.
  const code = status === 400 && /API_KEY_INVALID|API key not valid/.test(`${said} ${error.responseBody ?? ""}`) ? "llm_auth_error" : statusCode(status);
  return new LlmError(code, `${context.provider} answered ${status}: ${said}`, details);
}

/**
 * The `LlmError` for anything a generate / stream / embed call threw: the
 * caller's abort, the SDK's timeout, HTTP statuses (after the SDK's retries),
 * network failures and unreadable answers.
 */
export function toLlmError(error: unknown, context: CallContext): LlmError {
  if (isLlmError(error)) return error;
  const base = { provider: context.provider, model: context.model, cause: error };
  if (context.signal?.aborted) return new LlmError("llm_aborted", `${context.provider} call aborted`, base);
  if (error instanceof Error && error.name === "TimeoutError") {
    return new LlmError("llm_timeout", `${context.provider} did not answer within ${context.timeoutMs} ms`, base);
  }
  if (RetryError.isInstance(error)) {
    const last = error.lastError;
    if (APICallError.isInstance(last)) return fromApiCall(last, context, error.errors.length);
    return toLlmError(last, context);
  }
  if (APICallError.isInstance(error)) return fromApiCall(error, context, 1);
  if (StreamProviderError.isInstance(error)) {
    const code = error.statusCode === undefined ? "llm_http_error" : statusCode(error.statusCode);
    return new LlmError(code, `${context.provider} stream error (${error.type ?? "error"}): ${error.message}`, base);
  }
  if (InvalidResponseDataError.isInstance(error)) {
    return new LlmError("llm_invalid_response", `${context.provider} answered in an unexpected shape: ${error.message}`, base);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError("llm_http_error", `${context.provider} failed: ${message}`, base);
}

/**
 * `fetch` that fails at once, with `llm_rate_limited`, when a 429 or 503 asks for
 * a wait longer than the SDK honours (it would otherwise retry early on its own
 * schedule). What it throws passes through the SDK untouched.
 */
export function refuseLongWaits(doFetch: typeof fetch, provider: string, model: string): typeof fetch {
  return async (input, init) => {
    const response = await doFetch(input, init);
    if (response.status !== 429 && response.status !== 503) return response;
    const wait = retryAfterMs(response.headers);
    if (wait === undefined || wait <= MAX_RETRY_AFTER_MS) return response;
    const body = await response.text().catch(() => "");
    throw new LlmError("llm_rate_limited", `${provider} answered ${response.status} and asks to wait ${Math.ceil(wait / 1000)} s: ${providerMessage(body, body)}`, {
      provider,
      model,
      upstreamStatus: response.status,
      retryAfterMs: wait,
      attempts: 1,
    });
  };
}
