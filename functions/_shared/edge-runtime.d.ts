/** The background-task hook of Supabase's Edge Runtime (the local functions host provides it too). */
declare const EdgeRuntime: { waitUntil(promise: Promise<unknown>): void };
