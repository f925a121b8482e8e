/** @module PostgREST's HTTP status for a Postgres error, for the SQLSTATEs @supabase/lite leaves as 500. */

export interface DatabaseError {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

const BY_CODE: Record<string, number> = {
  "23503": 409,
  "23505": 409,
  "25006": 405,
  "42883": 404,
  "42P01": 404,
  "42P17": 500,
  P0001: 400,
};
const BY_CLASS: Record<string, number> = {
  "08": 503, "09": 500, "0L": 403, "0P": 403, "25": 500, "28": 403, "2D": 500, "38": 500, "39": 500,
  "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500, "57": 500, "58": 500, F0: 500, HV: 500,
  P0: 500, XX: 500,
};

/** Mirrors PostgREST's `pgErrorStatus`: anything not listed is the client's fault (400). */
export function postgrestStatus(code: string, authenticated: boolean): number {
  if (code === "42501") return authenticated ? 403 : 401;
  return BY_CODE[code] ?? BY_CLASS[code.slice(0, 2)] ?? 400;
}

export function postgrestErrorBody(error: DatabaseError) {
  return { code: error.code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null };
}
