/** @module CodeForge's one error: a stable code from a closed list, the HTTP status that code answers with, and details; checked by a marker, not instanceof. */

/**
 * Every code an error may carry and the HTTP status a function answers it with.
 * Kept here and nowhere else: the web client words its messages by these codes.
 */
export const ERROR_STATUS = {
  // The request itself is wrong.
  invalid_request: 400,
  invalid_json: 400,
  invalid_text: 400,
  invalid_path: 400,
  invalid_answers: 400,
  invalid_parameters: 400,
  invalid_project_spec: 400,
  invalid_embedding_model: 400,
  too_many_items: 400,
  github_refused: 400,
  github_token_rejected: 400,
  unknown_provider: 400,
  unknown_model: 400,
  key_refused: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  expired: 410,
  too_large: 413,
  unsupported_type: 415,
  // The request is fine, but not now, or not for this thing.
  conflict: 409,
  wrong_state: 409,
  not_failed: 409,
  no_files: 409,
  unsafe_path: 409,
  order_finished: 409,
  manifest_corrupted: 409,
  provider_not_configured: 409,
  provider_unavailable: 409,
  monthly_cap_reached: 409,
  build_failed: 422,
  nothing_to_import: 422,
  unreadable_document: 422,
  sandbox_limit: 422,
  // Something behind the function failed.
  github_unavailable: 502,
  provider_failed: 502,
  internal_error: 500,
  // A model call failed (shared/llm's LLM_ERROR_CODES).
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
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The error everything in CodeForge throws on purpose. Check with `isAppError`, not `instanceof` (bundles differ). */
export class AppError extends Error {
  readonly isAppError = true as const;
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }

  /** The answer's body: `{ error, code, details? }`. */
  toJSON(): { error: string; code: ErrorCode; details?: unknown } {
    return { error: this.message, code: this.code, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export const isAppError = (error: unknown): error is AppError =>
  typeof error === "object" && error !== null && (error as { isAppError?: unknown }).isAppError === true;

/** What supabase-js hands back for a failed query: PostgREST's body, `code` being the SQLSTATE (or a PGRST code). */
export interface DatabaseErrorLike {
  code?: string;
  message: string;
  details?: string | null;
  hint?: string | null;
}

/** SQLSTATEs a caller can cause, and the code each answers with. */
const SQLSTATE_CODES: Record<string, ErrorCode> = {
  "42501": "not_found", // RLS or privileges: what is not yours does not exist for you
  P0002: "not_found", // no_data_found, raised by the engine's functions
  PGRST116: "not_found", // .single() found no row
  "23505": "conflict", // unique violation
  "23503": "invalid_request", // foreign key: refers to a row that does not exist
  "23502": "invalid_request", // not null
  "23514": "invalid_request", // check constraint
  "22001": "invalid_request", // value too long
  "22003": "invalid_request", // numeric out of range
  "22007": "invalid_request", // invalid datetime format
  "22008": "invalid_request", // datetime out of range
  "22023": "invalid_request", // invalid parameter value, raised by the engine's functions
  "22P02": "invalid_request", // invalid text representation (a bad uuid, number, enum)
  "22P05": "invalid_request", // untranslatable character (a NUL in text)
  "22021": "invalid_request", // character not in repertoire (an unpaired surrogate)
  CF409: "wrong_state", // the engine's functions: the row is not in a state that allows this
  CF422: "manifest_corrupted", // rollback_project: the version fails its integrity check
};

/**
 * A failed query as an AppError: what the caller caused gets its 4xx with the
 * database's words; anything else is an `internal_error` (a logged 500 whose
 * message never reaches the client).
 * @example if (error) throw dbError(error, "reading the project");
 */
export function dbError(error: DatabaseErrorLike, what: string): AppError {
  const code = (error.code && SQLSTATE_CODES[error.code]) || "internal_error";
  const message = code === "not_found" ? `${what}: not found.` : code === "conflict" ? `${what}: it exists already.` : `${what}: ${error.message}`;
  return new AppError(code, message, code === "internal_error" ? { sqlstate: error.code ?? null } : undefined);
}

/**
 * The data of a supabase-js answer, or its error thrown as `dbError` maps it.
 * @example const rows = dataOf("reading items", await db.from("order_items").select("*"));
 */
export function dataOf<T>(what: string, { data, error }: { data: T; error: DatabaseErrorLike | null }): T {
  if (error) throw dbError(error, what);
  return data;
}
