/** @module Test helpers for the Realtime surface: a stack with it, subscribe-and-wait, an inbox that awaits callbacks with a timeout. */
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import ws from "ws";
import { defaultPlugins } from "../../local/server.ts";
import { realtime } from "../../local/realtime/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

/** The default plug-ins plus Realtime (once the gateway registers it by default, just the defaults). */
export const realtimePlugins = defaultPlugins.includes(realtime) ? defaultPlugins : [...defaultPlugins, realtime];

/** A test stack with the Realtime surface added. */
export function startRealtimeStack(): Promise<TestStack> {
  return startTestStack(realtimePlugins);
}

/**
 * Callback payloads in arrival order. `next()` takes the oldest one not yet
 * taken, waiting up to `ms` for it: a missing delivery fails the test.
 */
export class Inbox<T = unknown> {
  readonly items: T[] = [];
  private taken = 0;
  private waiters: (() => void)[] = [];

  readonly push = (item: T): void => {
    this.items.push(item);
    for (const wake of this.waiters.splice(0)) wake();
  };

  async next(ms = 5_000, what = "a message"): Promise<T> {
    await this.until(() => this.items.length > this.taken, ms, what);
    return this.items[this.taken++]!;
  }

  /** Waits until `predicate` holds over everything received so far. */
  async until(predicate: () => boolean, ms = 5_000, what = "a message"): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${ms} ms waiting for ${what}; received ${JSON.stringify(this.items).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Items received and not yet taken with `next()`. */
  get pending(): T[] {
    return this.items.slice(this.taken);
  }
}

export interface SystemMessage {
  extension: string;
  status: string;
  message: string;
  channel?: string;
}

/**
 * Subscribes and resolves once the channel is SUBSCRIBED and, when it has
 * postgres_changes bindings, its change subscription is live (the `system`
 * "Subscribed to PostgreSQL" message). Returns the channel's system inbox.
 */
export async function subscribed(channel: RealtimeChannel, ms = 10_000): Promise<Inbox<SystemMessage>> {
  // supabase-js resolves its token asynchronously; a join sent before that acts as the apikey.
  await channel.socket.setAuth();
  const system = new Inbox<SystemMessage>();
  const statuses = new Inbox<string>();
  channel.on("system", {}, (payload: SystemMessage) => system.push(payload));
  const wantsChanges = ((channel as unknown as { bindings: Record<string, unknown[]> }).bindings.postgres_changes ?? []).length > 0;
  channel.subscribe((status, error) => statuses.push(error ? `${status}: ${error.message}` : status));
  const status = await statuses.next(ms, "SUBSCRIBED");
  if (status !== "SUBSCRIBED") throw new Error(`channel did not subscribe: ${status}`);
  if (wantsChanges) await system.until(() => system.items.some((m) => m.extension === "postgres_changes"), ms, "the postgres_changes system message");
  return system;
}

/** Makes the client send its current session token with the next join (supabase-js resolves it asynchronously). */
export async function withSessionToken(client: SupabaseClient): Promise<void> {
  await client.realtime.setAuth();
}

/** A JWT for `sub` signed with the stack's secret, as GoTrue would issue it. */
export async function signUserToken(stack: TestStack, sub: string, expiresInSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, role: "authenticated", aud: "authenticated", email: `${sub}@example.test` })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(stack.keys.jwtSecret));
}

/** Removes every channel and closes the client's socket. */
export async function closeClients(...clients: SupabaseClient[]): Promise<void> {
  await Promise.all(clients.map(async (client) => {
    await client.removeAllChannels();
    client.realtime.disconnect();
  }));
}

/** A client whose every request and realtime join carries the token `accessToken()` returns. */
export function clientWithToken(stack: TestStack, accessToken: () => Promise<string>, key = stack.keys.anonKey): SupabaseClient {
  return createClient(stack.apiUrl, key, {
    accessToken,
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

/** Polls `predicate` until it holds, failing after `ms`. */
export async function eventually(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
