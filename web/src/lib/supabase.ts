/** @module The one supabase-js client of the app, its session kept in cookies by @supabase/ssr. */
import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { backendConfig } from "./config.ts";

/**
 * The cookie holding the session. Cookies are not scoped by port, so the name
 * carries host and port: two local stacks on 127.0.0.1 keep separate sessions.
 */
export function sessionCookieName(supabaseUrl: string): string {
  const { hostname, port } = new URL(supabaseUrl);
  return `sb-${hostname.split(".")[0]}${port ? `-${port}` : ""}-auth-token`;
}

function createSupabase(): SupabaseClient | null {
  const config = backendConfig();
  if (!config) return null;
  return createBrowserClient(config.supabaseUrl, config.supabaseAnonKey, {
    cookieOptions: { name: sessionCookieName(config.supabaseUrl), sameSite: "lax", path: "/" },
  });
}

const client = createSupabase();

/** Whether the build or the server told the app where its backend is. */
export const isConfigured = client !== null;

/**
 * The client. Only called once `isConfigured` was checked (the app shows a
 * configuration page otherwise).
 */
export function supabase(): SupabaseClient {
  if (!client) throw new Error("CodeForge is not configured: set VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY.");
  return client;
}

/** The backend's base URL (for the Edge Functions). */
export const supabaseUrl = (): string => backendConfig()!.supabaseUrl;
export const anonKey = (): string => backendConfig()!.supabaseAnonKey;
