/** @module HTTP for Edge Functions: CORS, one error type with a status, and the wrapper that turns errors into JSON. */
import { z } from "zod";

export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type, last-event-id",
  "access-control-allow-methods": "GET, POST, OPTIONS",
};

/** An error the client caused or may see, answered as `{ error, code, details }` with `status`. */
export class HttpError extends Error {
  readonly isHttpError = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isHttpError = (error: unknown): error is HttpError =>
  typeof error === "object" && error !== null && (error as { isHttpError?: unknown }).isHttpError === true;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...corsHeaders, ...headers } });
}

/** Parses `value` with `schema`, or throws a 400 listing zod's issues. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what = "request body"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(400, "invalid_request", `Invalid ${what}: ${z.prettifyError(result.error)}`, result.error.issues);
}

/** The request's JSON body, or a 400 when it is missing or not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", text ? "The request body is not valid JSON." : "The request body is empty; JSON was expected.");
  }
}

export function errorResponse(error: unknown): Response {
  if (isHttpError(error)) {
    return json({ error: error.message, code: error.code, ...(error.details === undefined ? {} : { details: error.details }) }, error.status);
  }
  console.error("unexpected error:", error);
  return json({ error: "Internal error", code: "internal_error" }, 500);
}

/** Wraps a handler: answers CORS preflights, and turns thrown errors into JSON responses. */
export function handler(fn: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === "OPTIONS") return new Response("ok", { headers: corsHeaders });
    try {
      return await fn(request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Matches `path` against route patterns like `/jobs/:id/stream`; returns the params or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)"))}/?$`);
  const match = regex.exec(path);
  return match ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) : null;
}
