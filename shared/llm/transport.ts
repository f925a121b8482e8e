/** @module HTTP for providers: per-attempt timeout, caller abort, bounded retries with backoff on 429/5xx honouring Retry-After. */
import { LlmError, isLlmError } from "./errors.ts";

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  maxRetries: number;
  /** First back-off delay; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Longest wait between attempts; a longer Retry-After fails at once with `llm_rate_limited`. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
/** Per-attempt limit, streamed body included: long enough for a long code file at a slow model's pace. */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** Transport settings every provider takes. */
export interface TransportOptions {
  /** Limit for one HTTP attempt, the whole streamed body included. Default 300 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** `fetch` to use (default the global one). */
  fetch?: typeof fetch;
}

/** One POST of JSON to a provider. */
export interface ProviderRequest {
  provider: string;
  model: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal;
}

/** Delay before retry number `retry` (0-based): exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Milliseconds the provider asks us to wait: `retry-after-ms`, or `Retry-After` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A signal that aborts when any of `signals` does (`AbortSignal.any` where present). */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

const aborted = (request: ProviderRequest, cause?: unknown) =>
  new LlmError("llm_aborted", `${request.provider} call aborted`, { provider: request.provider, model: request.model, cause: cause ?? request.signal?.reason });

/** Waits `ms`, or rejects with `llm_aborted` when `request.signal` fires. */
function sleep(ms: number, request: ProviderRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const signal = request.signal;
    if (signal?.aborted) return reject(aborted(request));
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(request));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The provider's own error message from a JSON error body, else the start of the body. */
function providerMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === "string") return message.slice(0, 500);
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200);
}

function httpError(request: ProviderRequest, status: number, body: string, attempts: number, wait?: number): LlmError {
  const code =
    status === 429 ? "llm_rate_limited"
    : status === 401 || status === 403 ? "llm_auth_error"
    : status === 400 || status === 404 || status === 413 || status === 422 ? "llm_bad_request"
    : "llm_http_error";
  return new LlmError(code, `${request.provider} answered ${status}: ${providerMessage(body) || "(no body)"}`, {
    provider: request.provider,
    model: request.model,
    upstreamStatus: status,
    attempts,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
}

const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs `request.body` as JSON and hands the 2xx response to `read`, within
 * one attempt's signal (caller's signal + timeout), so a stream read is
 * bounded and cancellable too. 408/429/5xx and network failures are retried
 * with backoff (Retry-After when given) up to `retry.maxRetries`; other 4xx
 * fail at once. Failures inside `read` are not retried: tokens may already be out.
 */
export async function postWithRetry<T>(
  request: ProviderRequest,
  options: TransportOptions,
  read: (response: Response, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  for (let attempt = 1; ; attempt++) {
    if (request.signal?.aborted) throw aborted(request);
    const outcome = await attemptOnce(request, attempt, timeoutMs, doFetch, read);
    if ("value" in outcome) return outcome.value;
    const { status, body, wait, error } = outcome;
    if (attempt > policy.maxRetries || (wait !== undefined && wait > policy.maxDelayMs)) {
      if (status !== undefined) throw httpError(request, status, body ?? "", attempt, wait);
      throw new LlmError("llm_network_error", `${request.provider} unreachable: ${(error as Error)?.message ?? error}`, {
        provider: request.provider,
        model: request.model,
        attempts: attempt,
        cause: error,
      });
    }
    await sleep(wait ?? backoffDelay(attempt - 1, policy), request);
  }
}

/** A retryable failure of one attempt: an HTTP status (with body and Retry-After) or a network error. */
type Retry = { status?: number; body?: string; wait?: number; error?: unknown };

/** One HTTP attempt under its own timeout; throws what must not be retried. */
async function attemptOnce<T>(
  request: ProviderRequest,
  attempt: number,
  timeoutMs: number,
  doFetch: typeof fetch,
  read: (response: Response, signal: AbortSignal) => Promise<T>,
): Promise<{ value: T } | Retry> {
  // A timer we clear ourselves (rather than AbortSignal.timeout) so no timer outlives the call.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
  const signal = request.signal ? anySignal([request.signal, timeout.signal]) : timeout.signal;
  const known = (error: unknown): LlmError | undefined => {
    if (isLlmError(error)) return error;
    if (request.signal?.aborted) return aborted(request, error);
    if (timeout.signal.aborted) {
      return new LlmError("llm_timeout", `${request.provider} did not answer within ${timeoutMs} ms`, {
        provider: request.provider,
        model: request.model,
        attempts: attempt,
        cause: error,
      });
    }
    return undefined;
  };
  try {
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        body: JSON.stringify(request.body),
        signal,
      });
    } catch (error) {
      const final = known(error);
      if (final) throw final;
      return { error }; // connection refused / reset: retry
    }
    if (response.ok) {
      try {
        return { value: await read(response, signal) };
      } catch (error) {
        throw known(error) ?? new LlmError("llm_network_error", `${request.provider} response broke off: ${(error as Error)?.message ?? error}`, {
          provider: request.provider,
          model: request.model,
          attempts: attempt,
          cause: error,
        });
      }
    }
    const body = await response.text().catch(() => "");
    const wait = retryAfterMs(response.headers);
    if (!isRetryableStatus(response.status)) throw httpError(request, response.status, body, attempt, wait);
    return { status: response.status, body, ...(wait === undefined ? {} : { wait }) };
  } catch (error) {
    throw known(error) ?? error;
  } finally {
    clearTimeout(timer);
  }
}
