/** @module HTTP for Edge Functions: CORS, request parsing, and the wrapper that answers every error (shared/errors.ts) as JSON. */
import { z } from "zod";
import { AppError, isAppError } from "../../shared/errors.ts";
import type { FunctionContext, Routes } from "./context.ts";

export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type, last-event-id",
  "access-control-allow-methods": "GET, POST, OPTIONS",
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...corsHeaders, ...headers } });
}

/** Parses `value` with `schema`, or throws a 400 listing zod's issues. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what = "request body"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("invalid_request", `Invalid ${what}: ${z.prettifyError(result.error)}`, result.error.issues);
}

/** The request's JSON body, or a 400 when it is missing, not JSON, or holds text Postgres cannot store. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", text ? "The request body is not valid JSON." : "The request body is empty; JSON was expected.");
  }
  const path = unstorableTextPath(body);
  if (path !== null) {
    const field = path.length ? path.join(".") : "the body";
    throw new AppError("invalid_text", `Invalid request body: ${field} contains a NUL character or an unpaired surrogate, which cannot be stored as text.`, [
      { path, message: "contains a NUL character or an unpaired surrogate" },
    ]);
  }
  return body;
}

/** True for text Postgres can store: no NUL, no unpaired UTF-16 surrogate. */
export const isStorableText = (text: string): boolean => !text.includes("\0") && !LONE_SURROGATE.test(text);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string or key in `value` that Postgres could not store as text, or null. */
function unstorableTextPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextPath(item, [...path, index]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, key];
      const found = unstorableTextPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The JSON answer for anything thrown: an AppError's status and `{ error, code, details }`.
 * An `internal_error` or anything else is logged and answered as a 500 with no internals.
 */
export function errorResponse(error: unknown): Response {
  if (isAppError(error) && error.code !== "internal_error") return json(error.toJSON(), error.status);
  console.error("unexpected error:", error);
  return json({ error: "Internal error", code: "internal_error" }, 500);
}

/** A function's request handler: its routes with their context; answers CORS preflights, and turns thrown errors into JSON responses. */
export function handler(routes: Routes, context: FunctionContext): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === "OPTIONS") return new Response("ok", { headers: corsHeaders });
    try {
      return await routes(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Matches `path` against route patterns like `/jobs/:id/stream`; returns the decoded params or null (400 for a malformed one). */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)"))}/?$`);
  const match = regex.exec(path);
  return match ? Object.fromEntries(names.map((name, i) => [name, decodePathParam(name, match[i + 1]!)])) : null;
}

function decodePathParam(name: string, encoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    throw new AppError("invalid_path", `The path's ${name} is not valid percent-encoding.`);
  }
  if (!isStorableText(decoded)) throw new AppError("invalid_path", `The path's ${name} contains a NUL character or an unpaired surrogate.`);
  return decoded;
}
