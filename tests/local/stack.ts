/** @module Starts a throw-away local stack for a test file and makes supabase-js clients for it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { defaultPlugins, startStack, type LocalStack } from "../../local/server.ts";
import type { StackConfig } from "../../local/config.ts";
import type { SurfacePlugin } from "../../local/surface.ts";

export interface TestStack extends LocalStack {
  /** A client with the anon key and no session. */
  anon(): SupabaseClient;
  /** A client with the service-role key. */
  service(): SupabaseClient;
  /** Signs a new user up: a client holding their session, usable as a `Caller` of the functions (anon key and the user's token). */
  signUp(email?: string): Promise<{ client: SupabaseClient; userId: string; email: string; accessToken: string; apikey: string; token: string }>;
}

function client(url: string, key: string): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket.
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

/**
 * An in-memory database on a free port; files (keys, storage) go to a temp directory removed on close.
 * The Postgres wire port is served only when asked (`{ dbPort: 0 }`: a free port, `stack.dbUrl`).
 */
export async function startTestStack(
  plugins: SurfacePlugin[] = defaultPlugins,
  options: Pick<StackConfig, "dbPort" | "applyMigrations"> = {},
): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), "codeforge-stack-"));
  const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true, ...options }, plugins);
  return {
    ...stack,
    anon: () => client(stack.apiUrl, stack.keys.anonKey),
    service: () => client(stack.apiUrl, stack.keys.serviceRoleKey),
    async signUp(email = `${randomUUID()}@example.test`) {
      const user = client(stack.apiUrl, stack.keys.anonKey);
      const { data, error } = await user.auth.signUp({ email, password: "correct-horse-battery" });
      if (error || !data.session || !data.user) throw error ?? new Error("sign-up returned no session");
      return { client: user, userId: data.user.id, email, accessToken: data.session.access_token, apikey: stack.keys.anonKey, token: data.session.access_token };
    },
    async close() {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
