import type { RealtimePostgresChangesPayload, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "./stack.ts";
import { clientWithToken, closeClients, eventually, Inbox, signUserToken, startRealtimeStack, subscribed, withSessionToken } from "./realtime-harness.ts";

type Job = Record<string, unknown> & { id: string; project_id: string; status: string; progress: number; agent_type: string };
type Change = RealtimePostgresChangesPayload<Job>;

let stack: TestStack;
let service: SupabaseClient;
const clients: SupabaseClient[] = [];

interface User {
  client: SupabaseClient;
  userId: string;
  accessToken: string;
  projectId: string;
}

async function newUser(): Promise<User> {
  const { client, userId, accessToken } = await stack.signUp();
  clients.push(client);
  const { data, error } = await client.from("projects").insert({ user_id: userId, title: "Realtime", mode: "builder" }).select("id").single();
  if (error) throw error;
  await withSessionToken(client);
  return { client, userId, accessToken, projectId: data.id as string };
}

async function insertJob(user: Pick<User, "userId" | "projectId">, fields: Partial<Job> = {}): Promise<Job> {
  const { data, error } = await service
    .from("agent_jobs")
    .insert({ project_id: user.projectId, user_id: user.userId, agent_type: "research", ...fields })
    .select()
    .single();
  if (error) throw error;
  return data as Job;
}

/** Raw SQL on the stack's database, the way a function or trigger writes: not through the REST surface. */
function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return stack.db.exclusive(async () => (await stack.db.pg.query<T>(text, params)).rows);
}

function listen(client: SupabaseClient, name: string, bindings: { event: "*" | "INSERT" | "UPDATE" | "DELETE"; table?: string; filter?: string }[]) {
  const channel = client.channel(name);
  const inboxes = bindings.map((binding) => {
    const inbox = new Inbox<Change>();
    channel.on("postgres_changes", { schema: "public", table: binding.table ?? "agent_jobs", event: binding.event as "*", ...(binding.filter ? { filter: binding.filter } : {}) }, (payload: Change) => inbox.push(payload));
    return inbox;
  });
  return { channel, inboxes };
}

beforeAll(async () => {
  stack = await startRealtimeStack();
  service = stack.service();
  clients.push(service);
});

afterAll(async () => {
  await closeClients(...clients);
  await stack?.close();
});

describe("postgres_changes on agent_jobs", () => {
  it("delivers the owner's INSERT and UPDATE in order with new/old as Supabase sends them", async () => {
    const owner = await newUser();
    const { channel, inboxes: [inbox] } = listen(owner.client, "owner-jobs", [{ event: "*", filter: `project_id=eq.${owner.projectId}` }]);
    await subscribed(channel);

    const job = await insertJob(owner);
    await service.from("agent_jobs").update({ status: "running", progress: 10 }).eq("id", job.id);
    await sql("update public.agent_jobs set progress = 55 where id = $1", [job.id]);

    const inserted = await inbox!.next();
    expect(inserted).toMatchObject({ schema: "public", table: "agent_jobs", eventType: "INSERT", old: {}, errors: null });
    expect(inserted.new).toEqual(job);
    expect(inserted.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const running = await inbox!.next();
    expect(running).toMatchObject({ eventType: "UPDATE", new: { id: job.id, status: "running", progress: 10 }, old: { id: job.id } });
    expect(Object.keys(running.old)).toEqual(["id"]);

    const raw = await inbox!.next();
    expect(raw).toMatchObject({ eventType: "UPDATE", new: { id: job.id, status: "running", progress: 55 }, old: { id: job.id } });
  });

  it("does not match a filtered DELETE on a non-key column under the default replica identity, as Supabase does not", async () => {
    const owner = await newUser();
    const { channel, inboxes: [inbox] } = listen(owner.client, "owner-deletes", [{ event: "*", filter: `project_id=eq.${owner.projectId}` }]);
    await subscribed(channel);
    const doomed = await insertJob(owner);
    expect((await inbox!.next()).eventType).toBe("INSERT");

    await service.from("agent_jobs").delete().eq("id", doomed.id);
    const after = await insertJob(owner, { agent_type: "after-delete" });
    // Changes arrive in commit order: had the DELETE matched, it would come first.
    const next = await inbox!.next();
    expect(next).toMatchObject({ eventType: "INSERT", new: { id: after.id } });
  });

  it("with REPLICA IDENTITY FULL delivers INSERT, UPDATE, DELETE in order, the DELETE's old cut to the primary key", async () => {
    const owner = await newUser();
    await sql("alter table public.agent_jobs replica identity full");
    try {
      const { channel, inboxes: [inbox] } = listen(owner.client, "owner-full", [{ event: "*", filter: `project_id=eq.${owner.projectId}` }]);
      await subscribed(channel);
      const job = await insertJob(owner);
      await service.from("agent_jobs").update({ status: "running" }).eq("id", job.id);
      await service.from("agent_jobs").delete().eq("id", job.id);

      expect(await inbox!.next()).toMatchObject({ eventType: "INSERT", new: { id: job.id, status: "queued" }, old: {} });
      const updated = await inbox!.next();
      expect(updated).toMatchObject({ eventType: "UPDATE", new: { id: job.id, status: "running" } });
      expect(updated.old).toEqual(job);
      const deleted = await inbox!.next();
      expect(deleted).toMatchObject({ eventType: "DELETE", new: {} });
      expect(deleted.old).toEqual({ id: job.id });
    } finally {
      await sql("alter table public.agent_jobs replica identity default");
    }
  });

  it("gives another user's client nothing of the owner's rows", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { channel, inboxes: [snooping, own] } = listen(other.client, "snoop", [
      { event: "*", filter: `project_id=eq.${owner.projectId}` },
      { event: "*", filter: `project_id=eq.${other.projectId}` },
    ]);
    await subscribed(channel);

    const job = await insertJob(owner);
    await service.from("agent_jobs").update({ status: "running" }).eq("id", job.id);
    await service.from("agent_jobs").delete().eq("id", job.id);
    await sql("update public.projects set title = 'renamed' where id = $1", [owner.projectId]);
    const barrier = await insertJob(other);

    expect(await own!.next()).toMatchObject({ eventType: "INSERT", new: { id: barrier.id } });
    expect(snooping!.items).toEqual([]);
  });

  it("gives anon no private row: INSERT and UPDATE are hidden by RLS, a DELETE carries only the primary key", async () => {
    const owner = await newUser();
    const anon = stack.anon();
    clients.push(anon);
    const { channel, inboxes: [jobs, projects] } = listen(anon, "anon", [{ event: "*" }, { event: "*", table: "projects" }]);
    await subscribed(channel);

    const job = await insertJob(owner);
    await service.from("agent_jobs").update({ status: "running", result: { secret: true } }).eq("id", job.id);
    await owner.client.from("projects").update({ title: "secret plan" }).eq("id", owner.projectId);
    await service.from("agent_jobs").delete().eq("id", job.id);

    const deleted = await jobs!.next();
    expect(deleted).toMatchObject({ eventType: "DELETE", new: {}, old: { id: job.id } });
    expect(Object.keys(deleted.old)).toEqual(["id"]);
    expect(projects!.items).toEqual([]);
  });

  it("sees writes made through the REST API as the signed-in user", async () => {
    const owner = await newUser();
    const { channel, inboxes: [inbox] } = listen(owner.client, "own-projects", [{ event: "UPDATE", table: "projects", filter: `id=eq.${owner.projectId}` }]);
    await subscribed(channel);
    const { error } = await owner.client.from("projects").update({ status: "archived" }).eq("id", owner.projectId);
    expect(error).toBeNull();
    expect(await inbox!.next()).toMatchObject({ table: "projects", eventType: "UPDATE", new: { id: owner.projectId, status: "archived", user_id: owner.userId } });
  });
});

describe("the change queue", () => {
  it("is closed to the API roles and empties once changes are delivered", async () => {
    const owner = await newUser();
    const { channel, inboxes: [inbox] } = listen(owner.client, "queue", [{ event: "INSERT", filter: `project_id=eq.${owner.projectId}` }]);
    await subscribed(channel);
    await insertJob(owner);
    await inbox!.next();
    expect(await sql<{ count: number }>("select count(*)::int as count from _realtime_local.changes")).toEqual([{ count: 0 }]);

    for (const role of ["anon", "authenticated", "service_role"]) {
      const attempt = stack.db.exclusive(() =>
        stack.db.pg.transaction(async (tx) => {
          await tx.query("select set_config('role', $1, true)", [role]);
          return tx.query("select * from _realtime_local.changes");
        }),
      );
      await expect(attempt, role).rejects.toThrow(/permission denied/);
    }
  });
});

describe("binding events and filters", () => {
  it("fires `*` and the matching event binding from one change, and no other event binding", async () => {
    const owner = await newUser();
    const filter = `project_id=eq.${owner.projectId}`;
    const { channel, inboxes } = listen(owner.client, "events", ["*", "INSERT", "UPDATE", "DELETE"].map((event) => ({ event: event as "*", filter: event === "DELETE" ? undefined : filter })));
    const [all, inserts, updates, deletes] = inboxes as [Inbox<Change>, Inbox<Change>, Inbox<Change>, Inbox<Change>];
    await subscribed(channel);

    const job = await insertJob(owner);
    await service.from("agent_jobs").update({ progress: 20 }).eq("id", job.id);
    await service.from("agent_jobs").delete().eq("id", job.id);

    await deletes.next();
    await all.until(() => all.items.length >= 2, 5_000, "the INSERT and UPDATE on `*`");
    expect(all.items.map((change) => change.eventType)).toEqual(["INSERT", "UPDATE"]);
    expect(inserts.items.map((change) => change.eventType)).toEqual(["INSERT"]);
    expect(updates.items.map((change) => change.eventType)).toEqual(["UPDATE"]);
    expect(deletes.items.map((change) => change.old)).toEqual([{ id: job.id }]);
  });

  it("applies eq, neq, lt, lte, gt, gte and in filters to the new row", async () => {
    const owner = await newUser();
    const filters = [
      "progress=eq.50",
      "progress=neq.50",
      "progress=lt.50",
      "progress=lte.50",
      "progress=gt.50",
      "progress=gte.50",
      'agent_type=in.(alpha,"x,y")',
      "status=not.in.(queued)",
    ];
    const { channel, inboxes } = listen(owner.client, "filters", [
      { event: "*", filter: `project_id=eq.${owner.projectId}` },
      ...filters.map((filter) => ({ event: "*" as const, filter })),
    ]);
    await subscribed(channel);

    const rows = [
      { progress: 10, agent_type: "alpha" },
      { progress: 50, agent_type: "x,y" },
      { progress: 90, agent_type: "beta" },
    ];
    const jobs: Job[] = [];
    for (const row of rows) jobs.push(await insertJob(owner, row));
    await service.from("agent_jobs").update({ status: "running" }).eq("id", jobs[2]!.id);
    const [all, ...byFilter] = inboxes as [Inbox<Change>, ...Inbox<Change>[]];
    // Every binding of a channel is served by the same frame, so once the
    // catch-all has all four changes each filter has had its chance.
    await all.until(() => all.items.length >= 4, 5_000, "four changes");

    const seen = (inbox: Inbox<Change>) => inbox.items.map((change) => `${change.eventType}:${(change.new as Job).progress}`);
    expect(Object.fromEntries(filters.map((filter, i) => [filter, seen(byFilter[i]!)]))).toEqual({
      "progress=eq.50": ["INSERT:50"],
      "progress=neq.50": ["INSERT:10", "INSERT:90", "UPDATE:90"],
      "progress=lt.50": ["INSERT:10"],
      "progress=lte.50": ["INSERT:10", "INSERT:50"],
      "progress=gt.50": ["INSERT:90", "UPDATE:90"],
      "progress=gte.50": ["INSERT:50", "INSERT:90", "UPDATE:90"],
      'agent_type=in.(alpha,"x,y")': ["INSERT:10", "INSERT:50"],
      "status=not.in.(queued)": ["UPDATE:90"],
    });
  });

  it("answers a binding on an unpublished table or a bad filter with a system error", async () => {
    const owner = await newUser();
    const channel = owner.client
      .channel("bad-binding")
      .on("postgres_changes", { event: "*", schema: "public", table: "agent_jobs", filter: "no_such_column=eq.1" }, () => undefined);
    const system = await subscribed(channel);
    expect(system.items[0]).toMatchObject({ extension: "postgres_changes", status: "error" });
    expect(system.items[0]!.message).toMatch(/filter/);

    const unpublished = owner.client.channel("unpublished").on("postgres_changes", { event: "*", schema: "public", table: "profiles" }, () => undefined);
    const system2 = await subscribed(unpublished);
    expect(system2.items[0]).toMatchObject({ extension: "postgres_changes", status: "error" });
    expect(system2.items[0]!.message).toMatch(/Unable to subscribe/);
  });
});

describe("tokens", () => {
  it("re-evaluates a channel when access_token changes its user", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { channel, inboxes: [watched, own] } = listen(other.client, "switch", [
      { event: "INSERT", filter: `project_id=eq.${owner.projectId}` },
      { event: "INSERT", filter: `project_id=eq.${other.projectId}` },
    ]);
    const system = await subscribed(channel);
    await insertJob(owner, { agent_type: "before-switch" });
    await insertJob(other, { agent_type: "barrier" });
    await own!.next();
    expect(watched!.items).toEqual([]);

    // What a token refresh does: the client pushes access_token to its joined channels.
    await other.client.realtime.setAuth(owner.accessToken);
    await system.until(() => system.items.filter((m) => m.status === "ok").length >= 2, 5_000, "the re-subscribe after access_token");
    const seen = await insertJob(owner, { agent_type: "after-switch" });
    expect(await watched!.next()).toMatchObject({ new: { id: seen.id, agent_type: "after-switch" } });
    expect(watched!.items).toHaveLength(1);
  });

  it("closes a channel whose token expires, with a system error", async () => {
    const owner = await newUser();
    const token = await signUserToken(stack, owner.userId, 2);
    const client = clientWithToken(stack, async () => token);
    clients.push(client);
    const channel = client.channel("expiring").on("postgres_changes", { event: "*", schema: "public", table: "agent_jobs" }, () => undefined);
    const system = await subscribed(channel);
    await system.until(() => system.items.some((m) => m.status === "error"), 6_000, "the expiry error");
    expect(system.items.find((m) => m.status === "error")).toMatchObject({ extension: "system", message: expect.stringMatching(/^Token has expired \d+ seconds ago$/) });
    await eventually(() => channel.state === "closed", 2_000, "the phx_close");
  });

  it("refuses a join whose token is not signed by the project", async () => {
    const owner = await newUser();
    const forged = `${owner.accessToken.slice(0, owner.accessToken.lastIndexOf("."))}.AAAA`;
    await owner.client.realtime.setAuth(forged);
    const statuses = new Inbox<{ status: string; error?: Error }>();
    owner.client.channel("forged").subscribe((status, error) => statuses.push({ status, error }));
    const first = await statuses.next();
    expect(first.status).toBe("CHANNEL_ERROR");
    expect(first.error?.message).toBe("JwtSignatureError: Failed to validate JWT signature");
  });
});
