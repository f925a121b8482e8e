/** @module What every CodeForge function starts from: the project's URL and keys, and clients for the caller and the service role. */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { AppError } from "../../shared/errors.ts";

export interface FunctionEnv {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
  [name: string]: string | undefined;
}

const options = { auth: { persistSession: false, autoRefreshToken: false } };

export function serviceClient(env: FunctionEnv): SupabaseClient {
  return createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, options);
}

/** The signed-in caller: their id and a client bound to their JWT, so RLS decides what they may touch. 401 otherwise. */
export async function callerOf(env: FunctionEnv, request: Request): Promise<{ userId: string; db: SupabaseClient }> {
  const token = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw new AppError("unauthorized", "Sign in first: the request has no Authorization bearer token.");
  const db = createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    ...options,
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  const { data, error } = await db.auth.getUser(token);
  if (error || !data.user) throw new AppError("unauthorized", "The access token is invalid or expired; sign in again.");
  return { userId: data.user.id, db };
}

/** True when the request carries the service-role key (internal calls such as the worker chain). */
export function isServiceCall(env: FunctionEnv, request: Request): boolean {
  return request.headers.get("authorization") === `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`;
}
