/** @module Database errors as HTTP errors: what the caller caused gets its 4xx, the rest stays a 500. */
import { HttpError } from "../_shared/http.ts";

/** A PostgREST error (`code` is the SQLSTATE) turned into an HttpError; unknown kinds become a plain Error (500). */
export function dbError(error: { code?: string; message: string }, what: string): Error {
  switch (error.code) {
    case "42501": return new HttpError(404, "not_found", `${what}: not found.`);
    case "P0002": return new HttpError(404, "not_found", `${what}: not found.`);
    case "23505": return new HttpError(409, "conflict", `${what}: it exists already.`);
    case "23502":
    case "23514":
    case "22001":
    case "22P02": return new HttpError(400, "invalid_request", `${what}: ${error.message}`);
    default: return new Error(`${what}: ${error.message}`);
  }
}
