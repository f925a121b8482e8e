/** @module Calls to the Edge Functions with the user's session, answering `{ data, error }` like supabase-js. */
import { appError, fromFunctionAnswer, toAppError, type AppError } from "./errors.ts";
import { anonKey, supabase, supabaseUrl } from "./supabase.ts";

export type Result<T> = { data: T; error: null } | { data: null; error: AppError };

/** The headers of an authenticated call: the anon key and the user's access token. */
async function authHeaders(): Promise<Record<string, string>> {
  const { data } = await supabase().auth.getSession();
  const token = data.session?.access_token ?? anonKey();
  return { apikey: anonKey(), authorization: `Bearer ${token}` };
}

/** The function's `{ error, code, details }` body as an AppError that keeps the code. */
async function errorOf(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown; code?: unknown; details?: unknown } | null;
  return fromFunctionAnswer(response.status, body);
}

/** A raw response from `/functions/v1/{path}` (for downloads); errors as `AppError`. */
export async function functionResponse(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<Result<Response>> {
  try {
    const response = await fetch(`${supabaseUrl()}/functions/v1/${path}`, {
      method: init.method ?? "GET",
      headers: { ...(await authHeaders()), ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
    if (!response.ok) return { data: null, error: await errorOf(response) };
    return { data: response, error: null };
  } catch (error) {
    return { data: null, error: toAppError(error) };
  }
}

/**
 * Calls an Edge Function and reads its JSON answer.
 * @example const { data, error } = await callFunction<RunJobResponse>("run-pipeline", { method: "POST", body })
 */
export async function callFunction<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<Result<T>> {
  const { data: response, error } = await functionResponse(path, init);
  if (error) return { data: null, error };
  try {
    return { data: (await response.json()) as T, error: null };
  } catch {
    return { data: null, error: appError("server", "The server's answer could not be read.") };
  }
}
