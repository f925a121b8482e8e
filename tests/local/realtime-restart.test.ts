import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { afterAll, expect, it } from "vitest";
import { startStack, type LocalStack } from "../../local/server.ts";
import type { StackConfig } from "../../local/config.ts";
import { closeClients, Inbox, realtimePlugins, subscribed } from "./realtime-harness.ts";

let stack: LocalStack | undefined;
let dataDir: string | undefined;
const clients: SupabaseClient[] = [];

afterAll(async () => {
  await closeClients(...clients);
  await stack?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const newClient = (url: string, key: string) => {
  const client = createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  clients.push(client);
  return client;
};

it("resumes delivery on the same client after the stack restarts on its data directory", { timeout: 120_000 }, async () => {
  dataDir = await mkdtemp(join(tmpdir(), "codeforge-realtime-restart-"));
  const config: StackConfig = { host: "127.0.0.1", port: await freePort(), dataDir, inMemoryDatabase: false };
  stack = await startStack(config, realtimePlugins);

  const user = newClient(stack.apiUrl, stack.keys.anonKey);
  const { data: auth, error } = await user.auth.signUp({ email: `${crypto.randomUUID()}@example.test`, password: "correct-horse-battery" });
  expect(error).toBeNull();
  const userId = auth.user!.id;
  const { data: project } = await user.from("projects").insert({ user_id: userId, title: "Survives", mode: "builder" }).select("id").single();
  const service = newClient(stack.apiUrl, stack.keys.serviceRoleKey);
  const insertJob = async (agent_type: string) => {
    const { data, error: insertError } = await service.from("agent_jobs").insert({ project_id: project!.id, user_id: userId, agent_type }).select("id").single();
    expect(insertError).toBeNull();
    return data!.id as string;
  };

  const inbox = new Inbox<{ eventType: string; new: { id: string; agent_type: string } }>();
  const channel = user
    .channel("jobs")
    .on("postgres_changes", { event: "INSERT", schema: "public", table: "agent_jobs", filter: `project_id=eq.${project!.id}` }, (payload) => inbox.push(payload as never));
  const system = await subscribed(channel);
  const before = await insertJob("before-restart");
  expect((await inbox.next()).new.id).toBe(before);

  await stack.close();
  stack = await startStack(config, realtimePlugins);

  // The client reconnects on its own (1 s, 2 s, 5 s, 10 s …), rejoins, and the server re-subscribes it.
  const okBefore = system.items.filter((m) => m.status === "ok").length;
  await system.until(() => system.items.filter((m) => m.status === "ok").length > okBefore, 60_000, "the re-subscribe after the restart");
  const after = await insertJob("after-restart");
  expect(await inbox.next()).toMatchObject({ eventType: "INSERT", new: { id: after, agent_type: "after-restart" } });

  // Reinstalled over the existing queue, it is still closed to the API roles.
  const db = stack.db;
  const asServiceRole = db.exclusive(() =>
    db.pg.transaction(async (tx) => {
      await tx.query("select set_config('role', 'service_role', true)");
      return tx.query("select * from _realtime_local.changes");
    }),
  );
  await expect(asServiceRole).rejects.toThrow(/permission denied/);
});
