/** @module What every CodeForge function starts from: the project's URL and keys, and clients for the caller and the service role. */
/// <reference path="./edge-runtime.d.ts" />
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { AppError } from "../../shared/errors.ts";

export interface FunctionEnv {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
  [name: string]: string | undefined;
}

/** What every function's routes receive: its environment, and a way to keep work going after the response. */
export interface FunctionContext {
  env: FunctionEnv;
  /** Keeps work going after the response (EdgeRuntime.waitUntil). */
  waitUntil(promise: Promise<unknown>): void;
}

/** A function's routes: one request in, one response out (errors thrown as AppErrors). */
export type Routes = (request: Request, context: FunctionContext) => Promise<Response>;

/** The context on the Edge Runtime: the process environment and EdgeRuntime.waitUntil. */
export function edgeContext(): FunctionContext {
  return { env: Deno.env.toObject() as FunctionEnv, waitUntil: (promise) => EdgeRuntime.waitUntil(promise) };
}

const options = { auth: { persistSession: false, autoRefreshToken: false } };

export function serviceClient(env: FunctionEnv): SupabaseClient {
  return createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, options);
}

/** A signed-in caller: their id and a client bound to their JWT (RLS applies). */
export interface Caller {
  userId: string;
  db: SupabaseClient;
}

/** The signed-in caller: their id and a client bound to their JWT, so RLS decides what they may touch. 401 otherwise. */
export async function callerOf(env: FunctionEnv, request: Request): Promise<Caller> {
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
