/** @module The app's errors: a stable `code`, words for the user, checked by a marker field rather than instanceof. */
import { ERROR_STATUS, type ErrorCode } from "../../../shared/errors.ts";
import { ERROR_SUMMARIES } from "./error-messages.ts";

export type AppErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  | "invalid"
  | "network"
  | "server"
  | "unknown";

export interface AppError {
  readonly __appError: true;
  code: AppErrorCode;
  /** What happened, in words a user understands. */
  message: string;
  /** HTTP status when the error came from the backend. */
  status?: number;
  /** The function's own code (`wrong_state`, `not_failed`, …), when it answered with one. */
  reason?: ErrorCode;
  /** Words for `reason`, shown above the server's specifics. */
  summary?: string;
  details?: unknown;
}

export function appError(code: AppErrorCode, message: string, extra: { status?: number; details?: unknown; reason?: ErrorCode; summary?: string } = {}): AppError {
  return { __appError: true, code, message, ...extra };
}

export function isAppError(value: unknown): value is AppError {
  return typeof value === "object" && value !== null && (value as { __appError?: unknown }).__appError === true;
}

const CODE_BY_STATUS: Record<number, AppErrorCode> = { 400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict", 422: "invalid" };

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);

/** A function's `{ error, code, details }` answer as an `AppError`, keeping its code and the words for it. */
export function fromFunctionAnswer(status: number, body: { error?: unknown; message?: unknown; code?: unknown; details?: unknown } | null): AppError {
  const text = body?.error ?? body?.message;
  const message = typeof text === "string" ? text : `The server answered ${status}.`;
  const base = toAppError({ message, status, details: body?.details });
  return isErrorCode(body?.code) ? { ...base, reason: body.code, summary: ERROR_SUMMARIES[body.code] } : base;
}

/** An error from supabase-js, fetch or anywhere, as an `AppError` with words. */
export function toAppError(error: unknown, fallback = "Something went wrong."): AppError {
  if (isAppError(error)) return error;
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    return appError("network", "The server could not be reached. Check your connection and try again.");
  }
  if (typeof error === "object" && error !== null) {
    const { message, status, code } = error as { message?: unknown; status?: unknown; code?: unknown };
    const httpStatus = typeof status === "number" ? status : undefined;
    // PostgREST's "JWT expired" and RLS refusals.
    if (code === "PGRST301" || httpStatus === 401) return appError("unauthenticated", "Your session has ended. Sign in again.", { status: 401 });
    if (code === "23505") return appError("conflict", typeof message === "string" ? message : fallback, { status: 409 });
    const mapped = httpStatus ? (CODE_BY_STATUS[httpStatus] ?? (httpStatus >= 500 ? "server" : "unknown")) : "unknown";
    return appError(mapped, typeof message === "string" && message ? message : fallback, httpStatus ? { status: httpStatus } : {});
  }
  return appError("unknown", typeof error === "string" ? error : fallback);
}
