import { RealtimeClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "./stack.ts";
import { closeClients, Inbox, startRealtimeStack, subscribed } from "./realtime-harness.ts";

interface Broadcast {
  type: string;
  event: string;
  payload: Record<string, unknown>;
}

let stack: TestStack;
const clients: SupabaseClient[] = [];
const realtimeClients: RealtimeClient[] = [];

function client(): SupabaseClient {
  const created = stack.anon();
  clients.push(created);
  return created;
}

function listenBroadcast(channel: ReturnType<SupabaseClient["channel"]>, event = "*"): Inbox<Broadcast> {
  const inbox = new Inbox<Broadcast>();
  channel.on("broadcast", { event }, (message: Broadcast) => inbox.push(message));
  return inbox;
}

beforeAll(async () => {
  stack = await startRealtimeStack();
});
afterAll(async () => {
  for (const realtime of realtimeClients) realtime.disconnect();
  await closeClients(...clients);
  await stack?.close();
});

describe("broadcast", () => {
  it("relays between two clients, echoing to the sender only with self, and acking with ack", async () => {
    const alice = client().channel("room-self", { config: { broadcast: { self: true, ack: true } } });
    const bob = client().channel("room-self");
    const aliceInbox = listenBroadcast(alice);
    const bobInbox = listenBroadcast(bob);
    await subscribed(alice);
    await subscribed(bob);

    expect(await alice.send({ type: "broadcast", event: "cursor", payload: { x: 1, y: 2 } })).toBe("ok");
    expect(await bobInbox.next()).toEqual({ type: "broadcast", event: "cursor", payload: { x: 1, y: 2 } });
    expect(await aliceInbox.next()).toEqual({ type: "broadcast", event: "cursor", payload: { x: 1, y: 2 } });

    expect(await bob.send({ type: "broadcast", event: "wave", payload: { from: "bob" } })).toBe("ok");
    expect(await aliceInbox.next()).toEqual({ type: "broadcast", event: "wave", payload: { from: "bob" } });
    // Bob has self off: the next thing he gets is Alice's next message, not his own.
    await alice.send({ type: "broadcast", event: "cursor", payload: { x: 3, y: 4 } });
    expect(await bobInbox.next()).toMatchObject({ payload: { x: 3, y: 4 } });
  });

  it("filters by event name on the receiving side", async () => {
    const sender = client().channel("room-events");
    const receiver = client().channel("room-events");
    const cursors = listenBroadcast(receiver, "cursor");
    const everything = listenBroadcast(receiver);
    await subscribed(sender);
    await subscribed(receiver);
    await sender.send({ type: "broadcast", event: "chat", payload: { text: "hi" } });
    await sender.send({ type: "broadcast", event: "cursor", payload: { x: 0 } });
    await everything.until(() => everything.items.length === 2, 5_000, "both messages");
    expect(cursors.items.map((m) => m.event)).toEqual(["cursor"]);
  });

  it("delivers a send made before the join through the REST endpoint, and httpSend", async () => {
    const receiver = client().channel("room-rest");
    const inbox = listenBroadcast(receiver);
    await subscribed(receiver);

    const sender = client().channel("room-rest");
    expect(await sender.send({ type: "broadcast", event: "early", payload: { n: 1 } })).toBe("ok");
    expect(await inbox.next()).toEqual({ type: "broadcast", event: "early", payload: { n: 1 } });

    await expect(sender.httpSend("explicit", { n: 2 })).resolves.toEqual({ success: true });
    expect(await inbox.next()).toEqual({ type: "broadcast", event: "explicit", payload: { n: 2 } });
  });

  it("refuses the REST endpoint without a valid apikey", async () => {
    const response = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { "content-type": "application/json", apikey: "nope" },
      body: JSON.stringify({ messages: [{ topic: "room-rest", event: "x", payload: {} }] }),
    });
    expect(response.status).toBe(401);
  });

  it("reaches a vsn 1.0.0 client from a vsn 2.0.0 sender", async () => {
    const v1 = new RealtimeClient(`${stack.apiUrl.replace("http", "ws")}/realtime/v1`, {
      params: { apikey: stack.keys.anonKey },
      vsn: "1.0.0",
      transport: ws as unknown as typeof WebSocket,
    });
    realtimeClients.push(v1);
    const old = v1.channel("room-v1");
    const inbox = listenBroadcast(old as unknown as ReturnType<SupabaseClient["channel"]>);
    await subscribed(old);
    const sender = client().channel("room-v1");
    await subscribed(sender);
    await sender.send({ type: "broadcast", event: "cursor", payload: { x: 9 } });
    expect(await inbox.next()).toEqual({ type: "broadcast", event: "cursor", payload: { x: 9 } });
  });
});

describe("presence", () => {
  it("syncs track, re-track and untrack between clients, and a leave when a channel goes", async () => {
    const alice = client().channel("lobby", { config: { presence: { key: "alice" } } });
    const bob = client().channel("lobby", { config: { presence: { key: "bob" } } });
    const joins = new Inbox<{ key: string; newPresences: Record<string, unknown>[] }>();
    const leaves = new Inbox<{ key: string; leftPresences: Record<string, unknown>[] }>();
    bob.on("presence", { event: "join" }, (event) => joins.push(event as never));
    bob.on("presence", { event: "leave" }, (event) => leaves.push(event as never));
    const syncs = new Inbox<void>();
    bob.on("presence", { event: "sync" }, () => syncs.push());
    await subscribed(alice);
    await subscribed(bob);
    await syncs.next(); // the presence_state Bob gets on joining

    expect(await alice.track({ status: "online" })).toBe("ok");
    const joined = await joins.next();
    expect(joined.key).toBe("alice");
    expect(joined.newPresences).toEqual([expect.objectContaining({ status: "online", presence_ref: expect.any(String) })]);
    expect(bob.presenceState()).toEqual({ alice: [expect.objectContaining({ status: "online" })] });

    await alice.track({ status: "away" });
    await syncs.until(() => (bob.presenceState().alice?.[0] as { status?: string } | undefined)?.status === "away", 5_000, "the re-track");
    expect(bob.presenceState().alice).toHaveLength(1);

    const carol = client().channel("lobby", { config: { presence: { key: "carol" } } });
    const carolSyncs = new Inbox<void>();
    carol.on("presence", { event: "sync" }, () => carolSyncs.push());
    await subscribed(carol);
    await carolSyncs.next();
    expect(carol.presenceState()).toEqual({ alice: [expect.objectContaining({ status: "away" })] });

    expect(await alice.untrack()).toBe("ok");
    await leaves.until(() => leaves.items.some((leave) => leave.key === "alice" && (leave.leftPresences[0] as { status?: string }).status === "away"), 5_000, "alice's untrack");
    expect(bob.presenceState()).toEqual({});

    await carol.track({ status: "here" });
    await joins.until(() => joins.items.some((join) => join.key === "carol"), 5_000, "carol's track");
    const carolsClient = clients.at(-1)!;
    await carolsClient.removeChannel(carol);
    await leaves.until(() => leaves.items.some((leave) => leave.key === "carol"), 5_000, "carol's leave");
    expect(bob.presenceState()).toEqual({});
  });
});
