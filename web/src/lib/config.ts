/** @module Where the backend is: runtime config injected by the server that serves the SPA, else the build's VITE_ variables. */

export interface BackendConfig {
  supabaseUrl: string;
  supabaseAnonKey: string;
}

declare global {
  interface Window {
    /** Set by an inline script the local stack's web surface writes into index.html. */
    __CODEFORGE_CONFIG__?: Partial<BackendConfig>;
  }
}

/**
 * The Supabase URL and anon key. A server may inject them at runtime (the local
 * stack does, so one build serves any stack); a static deploy bakes them in with
 * `VITE_SUPABASE_URL` / `VITE_SUPABASE_ANON_KEY` at build time.
 */
export function backendConfig(): BackendConfig | null {
  const injected = typeof window === "undefined" ? undefined : window.__CODEFORGE_CONFIG__;
  const supabaseUrl = injected?.supabaseUrl ?? import.meta.env.VITE_SUPABASE_URL;
  const supabaseAnonKey = injected?.supabaseAnonKey ?? import.meta.env.VITE_SUPABASE_ANON_KEY;
  if (!supabaseUrl || !supabaseAnonKey) return null;
  return { supabaseUrl, supabaseAnonKey };
}
