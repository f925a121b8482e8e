import { describe, expect, it } from "vitest";
import { bindingId, parseBindings } from "../../local/realtime/bindings.ts";
import type { QueuedChange } from "../../local/realtime/capture-sql.ts";
import { deliver, planChange } from "../../local/realtime/change-delivery.ts";
import { Channel, type PostgresBinding } from "../../local/realtime/channel.ts";
import { Hub } from "../../local/realtime/hub.ts";
import { matchesFilter, parseFilter } from "../../local/realtime/filters.ts";
import { decodeBinary, decodeText, encodeRaw, encodeUserBroadcast, FrameError } from "../../local/realtime/frames.ts";
import type { PublishedTable } from "../../local/realtime/published-tables.ts";

const types = new Map([
  ["id", "int8"],
  ["title", "text"],
  ["done", "bool"],
  ["at", "timestamptz"],
  ["owner", "uuid"],
  ["meta", "jsonb"],
]);
const row = { id: 7, title: "buy milk", done: false, at: "2026-01-02T10:00:00.5+00:00", owner: "0F8FAD5B-D9CB-469F-A165-70867728950E", meta: { a: 1 } };
const matches = (filter: string, target: Record<string, unknown> | null = row) => matchesFilter(parseFilter(filter), target, types);

describe("filters", () => {
  it("parses PostgREST filters, quoted values, in-lists, negation and AND-ed conditions", () => {
    expect(parseFilter("id=eq.1")).toEqual([{ column: "id", operator: "eq", negated: false, value: "1" }]);
    expect(parseFilter('title=in.(a,"b,c","d\\"e")')).toEqual([{ column: "title", operator: "in", negated: false, value: ["a", "b,c", 'd"e'] }]);
    expect(parseFilter("id=gt.0,id=lt.100")).toHaveLength(2);
    expect(parseFilter("title=not.eq.x")[0]).toMatchObject({ negated: true, operator: "eq" });
    expect(() => parseFilter("id=between.1")).toThrow(/unknown operator/);
    expect(() => parseFilter("nonsense")).toThrow(/missing/);
    expect(() => parseFilter(`id=in.(${Array.from({ length: 101 }, (_, i) => i).join(",")})`)).toThrow(/at most 100/);
  });

  it("compares numbers as numbers, uuids case-insensitively and timestamps as instants", () => {
    expect(matches("id=eq.7")).toBe(true);
    expect(matches("id=gt.10")).toBe(false);
    expect(matches("id=gte.7")).toBe(true);
    expect(matches("id=lt.10")).toBe(true); // "7" < "10" would be false as text
    expect(matches("id=in.(1,7)")).toBe(true);
    expect(matches("owner=eq.0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(true);
    expect(matches("at=gt.2026-01-02 09:59:59+00")).toBe(true);
    expect(matches("done=eq.false")).toBe(true);
    expect(matches("title=like.buy*")).toBe(true);
    expect(matches("title=ilike.BUY%")).toBe(true);
    expect(matches('meta=eq.{"a":1}')).toBe(true);
    expect(matches("id=gt.0,id=lt.5")).toBe(false);
    expect(matches("title=not.in.(x,y)")).toBe(true);
  });

  it("treats null as SQL does and fails closed on a column the row lacks", () => {
    const nullTitle = { ...row, title: null };
    expect(matches("title=neq.x", nullTitle)).toBe(false);
    expect(matches("title=not.eq.x", nullTitle)).toBe(false);
    expect(matches("title=is.null", nullTitle)).toBe(true);
    expect(matches("title=isdistinct.x", nullTitle)).toBe(true);
    expect(matches("id=eq.7", { title: "x" })).toBe(false);
    expect(matches("id=eq.7", null)).toBe(false);
    expect(matchesFilter([], null, types)).toBe(true);
  });
});

describe("frames", () => {
  it("decodes vsn 2.0.0 arrays and vsn 1.0.0 objects, and rejects anything else", () => {
    expect(decodeText('["6","7","realtime:a","phx_join",{"x":1}]', "2.0.0")).toEqual({ joinRef: "6", ref: "7", topic: "realtime:a", event: "phx_join", payload: { x: 1 } });
    expect(decodeText('{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"3"}', "1.0.0")).toEqual({ joinRef: null, ref: "3", topic: "phoenix", event: "heartbeat", payload: {} });
    expect(() => decodeText("[1,2]", "2.0.0")).toThrow(FrameError);
    expect(() => decodeText("nope", "1.0.0")).toThrow(FrameError);
  });

  it("round-trips the observed kind 3 frame into the observed kind 4 frame", () => {
    const push = Buffer.from("0301010e0600013637" + Buffer.from("realtime:room1cursor").toString("hex") + Buffer.from('{"x":1,"y":2}').toString("hex"), "hex");
    const decoded = decodeBinary(push);
    expect(decoded).toMatchObject({ joinRef: "6", ref: "7", topic: "realtime:room1", event: "cursor", meta: "", encoding: 1 });
    expect(encodeUserBroadcast(decoded.topic, decoded.event, decoded.encoding, decoded.payload)!.toString("hex")).toBe(
      "040e060001" + Buffer.from('realtime:room1cursor{"x":1,"y":2}').toString("hex"),
    );
    expect(encodeUserBroadcast("t".repeat(256), "e", 1, Buffer.from("{}"))).toBeNull();
    expect(() => decodeBinary(Buffer.from([1, 0, 0, 0, 0]))).toThrow(FrameError);
  });

  it("encodes server frames for each serializer", () => {
    expect(encodeRaw("2.0.0", "6", null, "realtime:a", "system", '{"a":1}')).toBe('["6",null,"realtime:a","system",{"a":1}]');
    expect(JSON.parse(encodeRaw("1.0.0", "6", "2", "realtime:a", "phx_reply", "{}"))).toEqual({ topic: "realtime:a", event: "phx_reply", payload: {}, ref: "2" });
  });
});

describe("bindings", () => {
  const table = (schema: string, name: string): PublishedTable => ({
    schema,
    name,
    key: `${schema}.${name}`,
    columns: [...types].map(([column, type]) => ({ name: column, type })),
    types,
    primaryKey: ["id"],
    selectable: new Map(),
    visibilitySql: "",
  });
  const tables = [table("public", "todos"), table("public", "notes")];

  it("echoes every entry unchanged with a stable id below 2^27", () => {
    const entries = [{ event: "INSERT", schema: "public", table: "todos" }, { event: "*", schema: "public", table: "todos", filter: "id=eq.1" }];
    const parsed = parseBindings(entries, tables);
    expect(parsed.error).toBeNull();
    expect(parsed.reply.map(({ id: _id, ...entry }) => entry)).toEqual(entries);
    expect(parsed.reply[0]!.id).toBe(bindingId(entries[0]!));
    expect(parsed.reply[0]!.id).not.toBe(parsed.reply[1]!.id);
    for (const { id } of parsed.reply) expect(id).toBeLessThan(2 ** 27);
  });

  it("expands wildcards to the published tables", () => {
    const parsed = parseBindings([{ event: "*", schema: "*" }, { event: "DELETE", schema: "public", table: "*" }], tables);
    expect(parsed.bindings.map((binding) => [...binding.tables])).toEqual([["public.todos", "public.notes"], ["public.todos", "public.notes"]]);
  });

  it("turns an unpublished table, an unknown column or a bad literal into one system error and no bindings", () => {
    for (const entry of [
      { event: "*", schema: "public", table: "secrets" },
      { event: "*", schema: "public", table: "todos", filter: "nope=eq.1" },
      { event: "*", schema: "public", table: "todos", filter: "id=eq.abc" },
      { event: "TRUNCATE", schema: "public", table: "todos" },
    ]) {
      const parsed = parseBindings([{ event: "INSERT", schema: "public", table: "todos" }, entry], tables);
      expect(parsed.error, JSON.stringify(entry)).toMatch(/Unable to subscribe|Error parsing `filter`/);
      expect(parsed.bindings).toEqual([]);
      expect(parsed.reply).toHaveLength(2);
    }
  });
});

describe("change delivery", () => {
  const table: PublishedTable = {
    schema: "public",
    name: "todos",
    key: "public.todos",
    columns: [
      { name: "id", type: "int8" },
      { name: "title", type: "text" },
      { name: "secret", type: "text" },
    ],
    types: new Map([
      ["id", "int8"],
      ["title", "text"],
      ["secret", "text"],
    ]),
    primaryKey: ["id"],
    selectable: new Map([
      ["authenticated", new Set(["id", "title"])],
      ["anon", new Set(["title"])],
      ["service_role", new Set(["id", "title", "secret"])],
    ]),
    visibilitySql: "select exists(...)",
  };
  const change = (type: QueuedChange["type"], extra: Partial<QueuedChange> = {}): QueuedChange => ({
    id: 1,
    schema: "public",
    table: "todos",
    type,
    record: type === "DELETE" ? null : { id: 1, title: "t", secret: "s" },
    oldIdentity: type === "INSERT" ? null : { id: 1 },
    rlsEnabled: true,
    commitTimestamp: "2026-01-01T00:00:00.000Z",
    ...extra,
  });

  function channelFor(hub: Hub, role: string, sub: string, event: PostgresBinding["event"] = "*") {
    const frames: string[] = [];
    const claims = { role: role as "authenticated", sub };
    const channel = new Channel(
      { vsn: "2.0.0", send: (data) => frames.push(String(data)) },
      {
        topic: `realtime:${sub}-${Math.random()}`,
        joinRef: "1",
        isPrivate: false,
        permissions: null,
        self: false,
        ack: false,
        presenceKey: "k",
        presenceEnabled: false,
        identity: { role, claims, token: sub, key: `${role}\u0000${JSON.stringify(claims)}`, expiresAt: null },
        bindings: [{ id: 11, event, tables: new Set(["public.todos"]), conditions: [], select: null }],
      },
    );
    hub.add(channel);
    return { channel, frames, data: () => frames.map((frame) => (JSON.parse(frame) as [null, null, string, string, { ids: number[]; data: Record<string, unknown> }])[4]) };
  }

  it("checks each identity once however many channels share it, and delivers only to those that pass", () => {
    const hub = new Hub();
    const aliceTab1 = channelFor(hub, "authenticated", "alice");
    const aliceTab2 = channelFor(hub, "authenticated", "alice");
    const bob = channelFor(hub, "authenticated", "bob");
    const plan = planChange(change("INSERT"), table, hub)!;
    expect(plan.check!.identities).toEqual([
      { role: "authenticated", claims: JSON.stringify({ role: "authenticated", sub: "alice" }) },
      { role: "authenticated", claims: JSON.stringify({ role: "authenticated", sub: "bob" }) },
    ]);
    expect(deliver(plan, [0])).toBe(2);
    expect(aliceTab1.data()).toEqual([{ ids: [11], data: expect.objectContaining({ type: "INSERT", record: { id: 1, title: "t" } }) }]);
    expect(aliceTab1.data()[0]!.data.columns).toEqual([{ name: "id", type: "int8" }, { name: "title", type: "text" }]);
    expect(aliceTab2.frames).toHaveLength(1);
    expect(bob.frames).toEqual([]);
  });

  it("skips the check for DELETE, cutting old_record to the key, and sends 401 to a role that cannot select the key", () => {
    const hub = new Hub();
    const user = channelFor(hub, "service_role", "svc");
    const anon = channelFor(hub, "anon", "anon");
    const plan = planChange(change("DELETE", { oldIdentity: { id: 1, title: "t", secret: "s" } }), table, hub)!;
    expect(plan.check).toBeNull();
    deliver(plan, []);
    expect(user.data()[0]!.data).toMatchObject({ type: "DELETE", old_record: { id: 1 }, errors: null });
    expect(user.data()[0]!.data).not.toHaveProperty("record");
    expect(anon.data()[0]!.data).toMatchObject({ type: "DELETE", errors: ["Error 401: Unauthorized"], columns: [], old_record: {}, commit_timestamp: null });
  });

  it("keeps the full old identity on UPDATE, within the role's columns, and skips channels whose token changed since planning", () => {
    const hub = new Hub();
    const user = channelFor(hub, "authenticated", "alice");
    const switched = channelFor(hub, "authenticated", "carol");
    const plan = planChange(change("UPDATE", { oldIdentity: { id: 1, title: "old", secret: "s" } }), table, hub)!;
    switched.channel.identity = { ...switched.channel.identity, key: "changed" };
    deliver(plan, [0, 1]);
    expect(user.data()[0]!.data).toMatchObject({ type: "UPDATE", record: { id: 1, title: "t" }, old_record: { id: 1, title: "old" } });
    expect(switched.frames).toEqual([]);
  });
});
