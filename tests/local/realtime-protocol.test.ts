import { request } from "node:http";
import type { SupabaseClient } from "@supabase/supabase-js";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "./stack.ts";
import { closeClients, Inbox, startRealtimeStack } from "./realtime-harness.ts";

type Frame = unknown[] | Record<string, unknown> | Buffer;

/** A bare Phoenix client: what goes over the wire, frame by frame. */
class RawSocket {
  readonly frames = new Inbox<Frame>();
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer, isBinary) => this.frames.push(isBinary ? data : (JSON.parse(data.toString()) as Frame)));
  }

  static open(url: string): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new RawSocket(ws);
      ws.once("open", () => resolve(socket));
      ws.once("error", reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  next(): Promise<Frame> {
    return this.frames.next(5_000, "a frame");
  }

  close(): void {
    this.ws.terminate();
  }
}

let stack: TestStack;
const sockets: RawSocket[] = [];
const clients: SupabaseClient[] = [];

const socketUrl = (vsn = "2.0.0", apikey = stack.keys.anonKey) =>
  `${stack.apiUrl.replace("http", "ws")}/realtime/v1/websocket?apikey=${encodeURIComponent(apikey)}&vsn=${vsn}`;

async function open(vsn = "2.0.0"): Promise<RawSocket> {
  const socket = await RawSocket.open(socketUrl(vsn));
  sockets.push(socket);
  return socket;
}

const joinConfig = (extra: Record<string, unknown> = {}) => ({
  config: { broadcast: { ack: false, self: false }, presence: { key: "", enabled: false }, postgres_changes: [], private: false, ...extra },
});

/** Status and body of a plain HTTP upgrade attempt. */
function upgradeStatus(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, stack.apiUrl);
    const req = request(url, { headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" } });
    req.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("upgrade", () => reject(new Error("the upgrade was accepted")));
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  stack = await startRealtimeStack();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(async () => {
  await closeClients(...clients);
  await stack?.close();
});

describe("Phoenix framing", () => {
  it("answers a heartbeat on the phoenix topic", async () => {
    const socket = await open();
    socket.send([null, "11", "phoenix", "heartbeat", {}]);
    expect(await socket.next()).toEqual([null, "11", "phoenix", "phx_reply", { status: "ok", response: {} }]);
  });

  it("echoes postgres_changes bindings with ids, then presence_state, then the system message", async () => {
    const socket = await open();
    const bindings = [
      { event: "INSERT", schema: "public", table: "agent_jobs" },
      { event: "*", schema: "public", table: "agent_jobs", filter: "progress=gt.5" },
    ];
    socket.send(["6", "6", "realtime:room1", "phx_join", joinConfig({ postgres_changes: bindings, presence: { key: "alice", enabled: true } })]);
    const reply = (await socket.next()) as [string, string, string, string, { status: string; response: { postgres_changes: Record<string, unknown>[] } }];
    expect(reply.slice(0, 4)).toEqual(["6", "6", "realtime:room1", "phx_reply"]);
    expect(reply[4].status).toBe("ok");
    const echoed = reply[4].response.postgres_changes;
    expect(echoed.map(({ id: _id, ...entry }) => entry)).toEqual(bindings);
    for (const { id } of echoed) expect(Number.isInteger(id) && (id as number) >= 0 && (id as number) < 2 ** 27).toBe(true);
    expect(await socket.next()).toEqual(["6", null, "realtime:room1", "presence_state", {}]);
    expect(await socket.next()).toEqual([
      "6",
      null,
      "realtime:room1",
      "system",
      { extension: "postgres_changes", status: "ok", message: "Subscribed to PostgreSQL", channel: "room1" },
    ]);
  });

  it("sends one postgres_changes frame per change with every matching id and typed columns", async () => {
    const socket = await open();
    const userId = crypto.randomUUID();
    await stack.db.exclusive(() => stack.db.pg.query("insert into auth.users (id, email) values ($1, $2)", [userId, `${userId}@example.test`]));
    const [project] = await stack.db.exclusive(async () =>
      (await stack.db.pg.query<{ id: string }>("insert into public.projects (user_id, title, mode) values ($1, 'p', 'builder') returning id", [userId])).rows,
    );
    const bindings = [
      { event: "INSERT", schema: "public", table: "agent_jobs", filter: `project_id=eq.${project!.id}` },
      { event: "*", schema: "*" },
      { event: "DELETE", schema: "public", table: "agent_jobs" },
    ];
    // The service role passes RLS, so the frame shows the unfiltered row.
    socket.send(["1", "1", "realtime:changes", "phx_join", { ...joinConfig({ postgres_changes: bindings }), access_token: stack.keys.serviceRoleKey }]);
    const reply = (await socket.next()) as [unknown, unknown, unknown, unknown, { response: { postgres_changes: { id: number }[] } }];
    const [insertId, anyId, deleteId] = reply[4].response.postgres_changes.map((entry) => entry.id);
    await socket.next(); // system

    const [job] = await stack.db.exclusive(async () =>
      (await stack.db.pg.query<{ id: string }>("insert into public.agent_jobs (project_id, user_id, agent_type) values ($1, $2, 'qa') returning id", [project!.id, userId])).rows,
    );
    const frame = (await socket.next()) as [null, null, string, string, { ids: number[]; data: Record<string, unknown> }];
    expect(frame.slice(0, 4)).toEqual([null, null, "realtime:changes", "postgres_changes"]);
    expect(frame[4].ids.sort()).toEqual([insertId, anyId].sort());
    const { data } = frame[4];
    expect(data).toMatchObject({ schema: "public", table: "agent_jobs", type: "INSERT", errors: null, record: { id: job!.id, agent_type: "qa", progress: 0 } });
    expect(data).not.toHaveProperty("old_record");
    expect(data.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(data.columns).toEqual(expect.arrayContaining([{ name: "id", type: "uuid" }, { name: "progress", type: "float8" }, { name: "result", type: "jsonb" }, { name: "created_at", type: "timestamptz" }]));
    expect((data.columns as { name: string }[])[0]).toEqual({ name: "id", type: "uuid" });

    await stack.db.exclusive(() => stack.db.pg.query("delete from public.agent_jobs where id = $1", [job!.id]));
    const deleted = (await socket.next()) as [null, null, string, string, { ids: number[]; data: Record<string, unknown> }];
    expect(deleted[4].ids.sort()).toEqual([anyId, deleteId].sort());
    expect(deleted[4].data).toMatchObject({ type: "DELETE", old_record: { id: job!.id } });
    expect(deleted[4].data).not.toHaveProperty("record");
  });

  it("replies to phx_leave, then closes the channel with its join_ref", async () => {
    const socket = await open();
    socket.send(["6", "6", "realtime:room2", "phx_join", joinConfig()]);
    await socket.next();
    socket.send(["6", "14", "realtime:room2", "phx_leave", {}]);
    expect(await socket.next()).toEqual(["6", "14", "realtime:room2", "phx_reply", { status: "ok", response: {} }]);
    expect(await socket.next()).toEqual(["6", "6", "realtime:room2", "phx_close", {}]);
  });

  it("closes the previous instance when a topic is joined again", async () => {
    const socket = await open();
    socket.send(["6", "6", "realtime:room3", "phx_join", joinConfig()]);
    await socket.next();
    socket.send(["9", "9", "realtime:room3", "phx_join", joinConfig()]);
    expect(await socket.next()).toEqual(["6", "6", "realtime:room3", "phx_close", {}]);
    expect(await socket.next()).toEqual(["9", "9", "realtime:room3", "phx_reply", { status: "ok", response: { postgres_changes: [] } }]);
  });

  it("answers a push on a topic it has not joined with unmatched topic", async () => {
    const socket = await open();
    socket.send(["1", "2", "realtime:nowhere", "presence", { type: "presence", event: "track", payload: {} }]);
    expect(await socket.next()).toEqual(["1", "2", "realtime:nowhere", "phx_reply", { status: "error", response: { reason: "unmatched topic" } }]);
  });

  it("speaks vsn 1.0.0 objects, without join_ref", async () => {
    const socket = await open("1.0.0");
    socket.send({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "1", join_ref: null });
    expect(await socket.next()).toEqual({ topic: "phoenix", event: "phx_reply", payload: { status: "ok", response: {} }, ref: "1" });
    socket.send({ topic: "realtime:v1", event: "phx_join", payload: joinConfig({ broadcast: { self: true, ack: true } }), ref: "2", join_ref: "2" });
    expect(await socket.next()).toEqual({ topic: "realtime:v1", event: "phx_reply", payload: { status: "ok", response: { postgres_changes: [] } }, ref: "2" });
    socket.send({ topic: "realtime:v1", event: "broadcast", payload: { type: "broadcast", event: "hi", payload: { n: 1 } }, ref: "3", join_ref: "2" });
    expect(await socket.next()).toEqual({ topic: "realtime:v1", event: "broadcast", payload: { type: "broadcast", event: "hi", payload: { n: 1 } }, ref: null });
    expect(await socket.next()).toEqual({ topic: "realtime:v1", event: "phx_reply", payload: { status: "ok", response: {} }, ref: "3" });
  });

  it("relays a binary broadcast as a kind 4 frame to vsn 2.0.0 and as JSON to vsn 1.0.0", async () => {
    const sender = await open();
    const v2 = await open();
    const v1 = await open("1.0.0");
    for (const socket of [sender, v2]) {
      socket.send(["6", "6", "realtime:bin", "phx_join", joinConfig()]);
      await socket.next();
    }
    v1.send({ topic: "realtime:bin", event: "phx_join", payload: joinConfig(), ref: "1", join_ref: "1" });
    await v1.next();
    const topic = Buffer.from("realtime:bin");
    const event = Buffer.from("cursor");
    const payload = Buffer.from('{"x":1,"y":2}');
    sender.send(Buffer.concat([Buffer.from([3, 1, 1, topic.length, event.length, 0, 1]), Buffer.from("6"), Buffer.from("7"), topic, event, payload]));
    expect(((await v2.next()) as Buffer).toString("hex")).toBe(
      Buffer.concat([Buffer.from([4, topic.length, event.length, 0, 1]), topic, event, payload]).toString("hex"),
    );
    expect(await v1.next()).toEqual({ topic: "realtime:bin", event: "broadcast", payload: { type: "broadcast", event: "cursor", payload: { x: 1, y: 2 } }, ref: null });
  });
});

describe("authentication", () => {
  it("refuses an upgrade without an apikey or with one that is not the project's", async () => {
    expect(await upgradeStatus("/realtime/v1/websocket?vsn=2.0.0")).toEqual({ status: 401, body: '{"error":"API key is missing"}' });
    expect(await upgradeStatus("/realtime/v1/websocket?apikey=sb_publishable_nope&vsn=2.0.0")).toEqual({ status: 401, body: '{"error":"Invalid API key"}' });
    expect((await upgradeStatus(`/realtime/v1/websocket?apikey=${stack.keys.anonKey}&vsn=3.0.0`)).status).toBe(400);
  });

  it("reports CHANNEL_ERROR to a supabase-js client with a bad apikey", async () => {
    const client = createClient(stack.apiUrl, "not-a-key", { realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket } });
    clients.push(client);
    const statuses = new Inbox<string>();
    client.channel("refused").subscribe((status) => statuses.push(status));
    expect(await statuses.next(10_000)).toBe("CHANNEL_ERROR");
  });

  it("accepts the opaque publishable key as apikey", async () => {
    const socket = await RawSocket.open(socketUrl("2.0.0", stack.keys.publishableKey));
    sockets.push(socket);
    socket.send(["1", "1", "realtime:opaque", "phx_join", { ...joinConfig(), access_token: stack.keys.publishableKey }]);
    expect(((await socket.next()) as unknown[])[4]).toEqual({ status: "ok", response: { postgres_changes: [] } });
  });

  it("refuses a malformed token, and ends a channel whose access_token turns out invalid", async () => {
    const socket = await open();
    socket.send(["1", "1", "realtime:bad", "phx_join", { ...joinConfig(), access_token: "not.a.jwt" }]);
    expect(((await socket.next()) as unknown[])[4]).toEqual({ status: "error", response: { reason: "MalformedJWT: The token provided is not a valid JWT" } });

    socket.send(["2", "2", "realtime:bad", "phx_join", joinConfig()]);
    await socket.next();
    socket.send(["2", "3", "realtime:bad", "access_token", { access_token: `${stack.keys.anonKey.slice(0, -4)}AAAA` }]);
    expect(await socket.next()).toEqual([
      "2",
      null,
      "realtime:bad",
      "system",
      { extension: "system", status: "error", message: "Failed to validate JWT signature", channel: "bad" },
    ]);
    expect(await socket.next()).toEqual(["2", "2", "realtime:bad", "phx_close", {}]);
  });
});
