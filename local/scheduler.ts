/** @module The local stand-in for Supabase Cron: calls the job sweeper (`POST /functions/v1/worker/sweep`) and the preview sweeper (`/preview/sweep`) every 30 seconds, and Studio retention (`/studio/cleanup`) every hour. */
import type { SurfacePlugin } from "./surface.ts";

export const SWEEP_INTERVAL_MS = 30_000;
export const STUDIO_CLEANUP_INTERVAL_MS = 3_600_000;
const SWEEPERS = ["worker/sweep", "preview/sweep"];

/**
 * On Supabase, schedule the same call with Supabase Cron (or pg_cron + pg_net):
 * the job sweeper requeues jobs whose worker vanished and restarts queued ones;
 * the preview sweeper expires, soft-deletes and purges preview sessions.
 */
export function scheduler(intervalMs = SWEEP_INTERVAL_MS): SurfacePlugin {
  return {
    name: "scheduler",
    async setup({ apiUrl, keys }) {
      const call = async (path: string) => {
        const response = await fetch(`${apiUrl}/functions/v1/${path}`, {
          method: "POST",
          headers: { apikey: keys.anonKey, authorization: `Bearer ${keys.serviceRoleKey}` },
        }).catch((error: Error) => ({ ok: false, status: 0, text: async () => error.message }) as const);
        // 404: this stack serves other functions (tests with fixtures); nothing to sweep.
        if (!response.ok && response.status !== 404) console.error(`[scheduler] ${path} failed: ${response.status} ${await response.text()}`);
      };
      const timers = [
        setInterval(() => SWEEPERS.forEach((path) => void call(path)), intervalMs),
        setInterval(() => void call("studio/cleanup"), STUDIO_CLEANUP_INTERVAL_MS),
      ];
      for (const timer of timers) timer.unref();
      return { prefixes: [], close: async () => timers.forEach(clearInterval) };
    },
  };
}
