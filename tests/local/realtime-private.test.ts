import { randomUUID } from "node:crypto";
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "./stack.ts";
import { clientWithToken, closeClients, Inbox, startRealtimeStack, subscribed, type SystemMessage } from "./realtime-harness.ts";

interface Broadcast {
  type: string;
  event: string;
  payload: Record<string, unknown>;
}

type User = Awaited<ReturnType<TestStack["signUp"]>>;

let stack: TestStack;
const clients: SupabaseClient[] = [];
let owner: User;
let stranger: User;

const track = <T extends SupabaseClient>(client: T) => (clients.push(client), client);
/** A client of its own (its own socket) holding the user's token. */
const as = (user: User) => clientWithToken(stack, async () => user.accessToken);
const privateChannel = (client: SupabaseClient, topic: string, presenceKey?: string) =>
  client.channel(topic, { config: { private: true, ...(presenceKey ? { presence: { key: presenceKey } } : {}) } });

function listen(channel: RealtimeChannel): Inbox<Broadcast> {
  const inbox = new Inbox<Broadcast>();
  channel.on("broadcast", { event: "*" }, (message: Broadcast) => inbox.push(message));
  return inbox;
}

/** Sends broadcasts the way the functions do (`functions/_shared/broadcast.ts`): REST, as `key`'s role. */
async function restBroadcast(messages: { topic: string; event: string; payload: object; private: boolean }[], key = stack.keys.serviceRoleKey, token = key) {
  const response = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: key, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ messages }),
  });
  expect(response.status).toBe(202);
}

/** Subscribes and resolves with the first outcome's error message; the channel is removed so it does not rejoin. */
async function refusal(client: SupabaseClient, channel: RealtimeChannel): Promise<string> {
  await client.realtime.setAuth();
  const statuses = new Inbox<string>();
  channel.subscribe((status, error) => statuses.push(`${status}: ${error?.message ?? ""}`));
  const first = await statuses.next(10_000, "the join's outcome");
  await client.removeChannel(channel);
  return first;
}

const denied = (topic: string) => `CHANNEL_ERROR: Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`;

async function newJob(user: User): Promise<string> {
  const { data: project } = await user.client.from("projects").insert({ user_id: user.userId, title: "Private", mode: "builder" }).select("id").single().throwOnError();
  const { data: job } = await stack
    .service()
    .from("agent_jobs")
    .insert({ project_id: project!.id, user_id: user.userId, agent_type: "pipeline" })
    .select("id")
    .single()
    .throwOnError();
  return `job:${job!.id}`;
}

async function newThread(user: User): Promise<string> {
  const { data } = await user.client.from("chat_threads").insert({ title: "Private" }).select("id").single().throwOnError();
  return `chat:${data!.id}`;
}

beforeAll(async () => {
  stack = await startRealtimeStack();
  owner = await stack.signUp();
  stranger = await stack.signUp();
  clients.push(owner.client, stranger.client);
});
afterAll(async () => {
  await closeClients(...clients);
  await stack?.close();
});

describe.each([
  ["job", () => newJob(owner)],
  ["chat", () => newThread(owner)],
])("private %s:{id} topics", (_kind, create) => {
  let topic: string;
  beforeAll(async () => {
    topic = await create();
  });

  it("let the owner join and receive the functions' private broadcasts", async () => {
    const channel = privateChannel(track(as(owner)), topic);
    const inbox = listen(channel);
    await subscribed(channel);
    await restBroadcast([{ topic, event: "token", payload: { text: "hello" }, private: true }]);
    expect(await inbox.next()).toEqual({ type: "broadcast", event: "token", payload: { text: "hello" } });
  });

  it("refuse another user, anon, and the owner on a topic that is not theirs", async () => {
    expect(await refusal(stranger.client, privateChannel(stranger.client, topic))).toBe(denied(topic));
    const anon = track(stack.anon());
    expect(await refusal(anon, privateChannel(anon, topic))).toBe(denied(topic));
    const kind = topic.slice(0, topic.indexOf(":"));
    for (const other of [`${kind}:${randomUUID()}`, `${kind}:not-a-uuid`, `${kind}:${topic.slice(kind.length + 1).toUpperCase()}`, `${kind}:'; select 1; --`, "job:", kind]) {
      expect(await refusal(owner.client, privateChannel(owner.client, other))).toBe(denied(other));
    }
  });

  it("keep private broadcasts from the public channel of the same name", async () => {
    // realtime-js keeps one channel per name on a client, so each channel gets its own.
    const open = track(as(owner)).channel(topic);
    const openInbox = listen(open);
    const closed = privateChannel(track(as(owner)), topic);
    const closedInbox = listen(closed);
    await subscribed(open);
    await subscribed(closed);
    await restBroadcast([
      { topic, event: "token", payload: { n: 1 }, private: true },
      { topic, event: "marker", payload: { n: 2 }, private: false },
    ]);
    expect(await openInbox.next()).toMatchObject({ event: "marker" });
    expect(await closedInbox.next()).toMatchObject({ event: "token", payload: { n: 1 } });
  });

  it("do not relay the owner's own broadcasts, by socket or REST (no write policy)", async () => {
    const sender = privateChannel(track(as(owner)), topic);
    const receiver = privateChannel(track(as(owner)), topic);
    const inbox = listen(receiver);
    await subscribed(sender);
    await subscribed(receiver);
    expect(await sender.send({ type: "broadcast", event: "fake", payload: { injected: true } })).toBe("ok");
    await restBroadcast([{ topic, event: "fake", payload: { rest: true }, private: true }], stack.keys.anonKey, owner.accessToken);
    const single = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast/${encodeURIComponent(topic)}/events/fake?private=true`, {
      method: "POST",
      headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${owner.accessToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(single.status).toBe(403);
    await restBroadcast([{ topic, event: "marker", payload: {}, private: true }]);
    expect(await inbox.next()).toMatchObject({ event: "marker" });
  });

  it("shut the channel down when a refreshed token belongs to another user", async () => {
    let token = owner.accessToken;
    const client = track(clientWithToken(stack, async () => token));
    const channel = privateChannel(client, topic);
    const statuses = new Inbox<string>();
    const system = new Inbox<SystemMessage>();
    channel.on("system", {}, (message: SystemMessage) => system.push(message));
    await client.realtime.setAuth();
    channel.subscribe((status) => statuses.push(status));
    expect(await statuses.next()).toBe("SUBSCRIBED");
    token = stranger.accessToken;
    await client.realtime.setAuth();
    expect(await system.next()).toMatchObject({
      extension: "system",
      status: "error",
      message: `You do not have permissions to read from this Channel topic: ${topic}`,
    });
    expect(await statuses.next()).toBe("CLOSED");
  });
});

it("leaves the API roles Supabase's grants on realtime.messages: select, insert, update", async () => {
  const { rows } = await stack.db.exclusive(() =>
    stack.db.pg.query<{ role: string; privileges: string[] }>(
      `select r as role, array(select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
                              where has_table_privilege(r, 'realtime.messages', p)) as privileges
         from unnest(array['anon', 'authenticated', 'service_role']) r`,
    ),
  );
  expect(rows).toEqual(["anon", "authenticated", "service_role"].map((role) => ({ role, privileges: ["SELECT", "INSERT", "UPDATE"] })));
});

describe("presence on private topics", () => {
  // Test-only policies, made by the superuser: presence read on `presence-test:*`, write on `presence-test:open`.
  beforeAll(async () => {
    await stack.db.exclusive(() =>
      stack.db.pg.exec(`
        create policy "test: presence read" on realtime.messages for select to authenticated
          using (extension = 'presence' and (select realtime.topic()) like 'presence-test:%');
        create policy "test: presence write" on realtime.messages for insert to authenticated
          with check (extension = 'presence' and (select realtime.topic()) = 'presence-test:open');
      `),
    );
  });

  it("track and sync where the policies allow read and write, with no broadcasts (no broadcast read)", async () => {
    const alice = privateChannel(track(as(owner)), "presence-test:open", "alice");
    const bob = privateChannel(track(as(stranger)), "presence-test:open", "bob");
    const bobBroadcasts = listen(bob);
    const joins = new Inbox<{ key: string }>();
    bob.on("presence", { event: "join" }, (event: { key: string }) => joins.push(event));
    await subscribed(alice);
    await subscribed(bob);
    await restBroadcast([{ topic: "presence-test:open", event: "hidden", payload: {}, private: true }]);
    expect(await alice.track({ status: "online" })).toBe("ok");
    expect((await joins.next()).key).toBe("alice");
    expect(bob.presenceState()).toEqual({ alice: [expect.objectContaining({ status: "online" })] });
    expect(bobBroadcasts.items).toEqual([]);
  });

  it("refuse a track without presence write", async () => {
    const reader = privateChannel(track(as(owner)), "presence-test:read-only", "reader");
    await subscribed(reader);
    expect(await reader.track({ status: "online" })).toBe("error");
  });

  it("send no presence to a channel without presence read, and refuse its track", async () => {
    const topic = await newJob(owner);
    const listener = privateChannel(track(as(owner)), topic, "owner");
    const presenceEvents = new Inbox<unknown>();
    listener.on("presence", { event: "join" }, (event: unknown) => presenceEvents.push(event));
    const inbox = listen(listener);
    await subscribed(listener);
    expect(await listener.track({ status: "online" })).toBe("error");

    const service = track(stack.service());
    const backend = privateChannel(service, topic, "backend");
    await subscribed(backend);
    expect(await backend.track({ status: "online" })).toBe("ok");
    expect(await backend.send({ type: "broadcast", event: "marker", payload: {} })).toBe("ok");
    expect(await inbox.next()).toMatchObject({ event: "marker" });
    expect(presenceEvents.items).toEqual([]);
    expect(listener.presenceState()).toEqual({});
  });
});

describe.each([
  ["the legacy service_role JWT", () => stack.keys.serviceRoleKey],
  ["the opaque sb_secret_ key", () => stack.keys.secretKey],
])("supabase-js on Node 20 with the ws transport, as a service-role client with %s writes it", (_name, key) => {
  const serviceClient = () => track(createClient(stack.apiUrl, key(), {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  }));
  /** Subscribes exactly as an application would: no token help, just the status callback. */
  const join = (channel: RealtimeChannel) => new Promise<void>((resolve, reject) => {
    channel.subscribe((status, error) => (status === "SUBSCRIBED" ? resolve() : status !== "CLOSED" && reject(new Error(`${status}: ${error?.message}`))));
  });

  it("receives the broadcasts another service-role client sends on the private channel", async () => {
    const topic = await newJob(owner);
    const listener = serviceClient().channel(topic, { config: { private: true } });
    const inbox = listen(listener);
    await join(listener);
    const sender = serviceClient().channel(topic, { config: { private: true } });
    await join(sender);
    expect(await sender.send({ type: "broadcast", event: "token", payload: { n: 1 } })).toBe("ok");
    expect(await inbox.next()).toMatchObject({ event: "token", payload: { n: 1 } });
  });

  it("receives its own broadcasts when the channel asks for them (broadcast.self), and not otherwise", async () => {
    const topic = await newJob(owner);
    const client = serviceClient();
    const own = client.channel(topic, { config: { private: true, broadcast: { self: true, ack: true } } });
    const ownInbox = listen(own);
    await join(own);
    expect(await own.send({ type: "broadcast", event: "mine", payload: { n: 2 } })).toBe("ok");
    expect(await ownInbox.next()).toMatchObject({ event: "mine", payload: { n: 2 } });

    const quiet = serviceClient().channel(topic, { config: { private: true, broadcast: { ack: true } } });
    const quietInbox = listen(quiet);
    await join(quiet);
    expect(await quiet.send({ type: "broadcast", event: "mine", payload: { n: 3 } })).toBe("ok");
    expect(await ownInbox.next()).toMatchObject({ payload: { n: 3 } });
    expect(quietInbox.pending).toEqual([]);
  });

  it("lets the owner, joined with supabase-js's own session handling, receive the service role's socket broadcasts", async () => {
    const topic = await newJob(owner);
    const channel = owner.client.channel(topic, { config: { private: true } });
    const inbox = listen(channel);
    await join(channel);
    const sender = serviceClient().channel(topic, { config: { private: true } });
    await join(sender);
    await sender.send({ type: "broadcast", event: "token", payload: { n: 4 } });
    expect(await inbox.next()).toMatchObject({ payload: { n: 4 } });
    await owner.client.removeChannel(channel);
  });
});
