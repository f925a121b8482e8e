import { randomUUID } from "node:crypto";
import { connect as connectSocket, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { SupabaseClient } from "@supabase/supabase-js";
import { realtime } from "../../local/realtime/index.ts";
import { restAndAuth } from "../../local/rest/index.ts";
import { pollFor } from "./poll.ts";
import { closeClients, Inbox, subscribed } from "./realtime-harness.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let service: SupabaseClient;
let userId: string;
let clients: pg.Client[] = [];
/** How many callers have asked the stack's mutex so far (HTTP requests and wire clients alike). */
let mutexRequests = 0;
let stackClosed = false;
/** The stack's own session settings, before any wire client ran. */
let stackSettings: unknown[];

async function sessionSettings(): Promise<unknown[]> {
  const query = "select name, setting from pg_settings where source <> 'default' order by name";
  return (await stack.db.exclusive(() => stack.db.pg.query(query))).rows;
}

beforeAll(async () => {
  stack = await startTestStack([restAndAuth, realtime], { dbPort: 0 });
  const exclusive = stack.db.exclusive;
  stack.db.exclusive = (fn) => {
    mutexRequests++;
    return exclusive(fn);
  };
  service = stack.service();
  userId = (await stack.signUp()).userId;
  stackSettings = await sessionSettings();
});
afterEach(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  clients = [];
});
afterAll(async () => {
  if (!stackClosed) await stack?.close();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: stack.dbUrl });
  client.on("error", () => undefined); // a test that cuts the socket expects it
  await client.connect();
  clients.push(client);
  return client;
}

async function insertOverWire(client: pg.Client, title = `wire ${randomUUID()}`): Promise<string> {
  await client.query("insert into public.projects (user_id, title, mode) values ($1, $2, 'builder')", [userId, title]);
  return title;
}

async function restTitles(title: string): Promise<string[]> {
  const { data } = await service.from("projects").select("title").eq("title", title).throwOnError();
  return data!.map((row) => row.title as string);
}

/** A frontend message: type byte, int32 length, body. */
function message(type: string, ...parts: (string | number)[]): Buffer {
  const body = Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(`${part}\0`) : Buffer.from([part >> 8, part & 0xff]))));
  const header = Buffer.alloc(5);
  header.write(type);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol("pending");
  return Promise.race([promise, Promise.resolve(marker)]).then((value) => value === marker);
}

describe("the Postgres wire port", () => {
  it("prints a postgresql:// URL for the port it serves", () => {
    expect(stack.dbUrl).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it("declines TLS as a server without it does, instead of hanging", async () => {
    const client = new pg.Client({ connectionString: stack.dbUrl, ssl: { rejectUnauthorized: false } });
    await expect(client.connect()).rejects.toThrow(/does not support SSL/);
  });

  it("shows rows written through REST over the wire, and rows written over the wire through REST", async () => {
    const client = await connect();
    const restTitle = `rest ${randomUUID()}`;
    await service.from("projects").insert({ user_id: userId, title: restTitle, mode: "builder" }).throwOnError();
    const { rows } = await client.query("select title from public.projects where title = $1", [restTitle]);
    expect(rows).toEqual([{ title: restTitle }]);

    const wireTitle = await insertOverWire(client);
    expect(await restTitles(wireTitle)).toEqual([wireTitle]);
  });

  it("makes a REST read wait for a wire transaction and then see its committed row", async () => {
    const client = await connect();
    await client.query("begin");
    const title = await insertOverWire(client);
    const before = mutexRequests;
    const read = restTitles(title);
    await pollFor(async () => (mutexRequests > before ? true : undefined), "the REST read to ask for the database");
    await client.query("select 1"); // the wire client goes on inside its transaction meanwhile
    expect(await isPending(read)).toBe(true);
    await client.query("commit");
    expect(await read).toEqual([title]);
  });

  it("rolls back the transaction of a client that disconnects inside it, and REST keeps answering", async () => {
    const client = await connect();
    await client.query("begin");
    const title = await insertOverWire(client);
    (client as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect(await restTitles(title)).toEqual([]);
    const other = await connect();
    expect((await other.query("select count(*)::int as n from public.projects where title = $1", [title])).rows).toEqual([{ n: 0 }]);
  });

  it("holds the database from Parse to Sync, and rolls back a client that leaves before Sync", async () => {
    const url = new URL(stack.dbUrl!);
    const socket = connectSocket(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    socket.on("data", (data: Buffer) => (received = Buffer.concat([received, data])));
    const startup = Buffer.concat([Buffer.alloc(8), Buffer.from("user\0postgres\0database\0postgres\0\0")]);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.write(startup);
    await pollFor(async () => (received.includes(Buffer.from("Z\0\0\0\x05I")) ? true : undefined), "ReadyForQuery");

    const title = `extended ${randomUUID()}`;
    const insert = `insert into public.projects (user_id, title, mode) values ('${userId}', '${title}', 'builder')`;
    // Parse, Bind, Execute and no Sync: the insert has run in the implicit transaction Sync would commit.
    socket.write(Buffer.concat([message("P", "", insert, 0), message("B", "", "", 0, 0, 0), message("E", "", 0, 0)]));
    await pollFor(async () => (received.includes(Buffer.from("INSERT 0 1")) ? true : undefined), "CommandComplete");
    const before = mutexRequests;
    const read = restTitles(title);
    await pollFor(async () => (mutexRequests > before ? true : undefined), "the REST read to ask for the database");
    expect(await isPending(read)).toBe(true);
    socket.destroy();
    expect(await read).toEqual([]);
  });

  it("keeps a client's SET ROLE and search_path away from later REST requests and other clients", async () => {
    const client = await connect();
    // Inside one query string the settings hold: that client sees what anon sees.
    const asAnon = await client.query("set role anon; set search_path = pg_catalog; select current_user, current_setting('search_path') as path");
    expect((asAnon as unknown as pg.QueryResult[])[2]!.rows).toEqual([{ current_user: "anon", path: "pg_catalog" }]);
    await client.query("set role anon; set search_path = pg_catalog; set statement_timeout = 1");

    const title = await insertOverWire(await connect());
    expect(await restTitles(title)).toEqual([title]);
    const other = await connect();
    const { rows } = await other.query("select current_user, current_setting('search_path') as path, current_setting('statement_timeout') as timeout");
    expect(rows).toEqual([{ current_user: "postgres", path: '"$user", public, extensions', timeout: "0" }]);
    expect(await sessionSettings()).toEqual(stackSettings);
  });

  it("holds SET (and SET LOCAL) for the rest of a transaction", async () => {
    const client = await connect();
    await client.query("begin");
    await client.query("set local role anon");
    expect((await client.query("select current_user")).rows).toEqual([{ current_user: "anon" }]);
    await client.query("commit");
    expect((await client.query("select current_user")).rows).toEqual([{ current_user: "postgres" }]);
  });

  it("serves two clients at once, their transactions one after the other", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const run = async (client: pg.Client) => {
      await client.query("begin");
      const title = await insertOverWire(client);
      await client.query("commit");
      return title;
    };
    const titles = await Promise.all([run(a), run(b), run(a), run(b)]);
    const { rows } = await a.query("select count(*)::int as n from public.projects where title = any($1)", [titles]);
    expect(rows).toEqual([{ n: 4 }]);
  });

  it("answers bad SQL with a Postgres error and keeps the connection usable", async () => {
    const client = await connect();
    await expect(client.query("select * from no_such_table")).rejects.toMatchObject({ code: "42P01" });
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);

    await client.query("begin");
    await expect(client.query("select 1/0")).rejects.toMatchObject({ code: "22012" });
    await expect(client.query("select 1")).rejects.toMatchObject({ code: "25P02" });
    await client.query("rollback");
    const title = await insertOverWire(client);
    expect(await restTitles(title)).toEqual([title]);
  });

  it("runs the extended protocol with parameters", async () => {
    const client = await connect();
    expect((await client.query("select $1::int + 1 as answer", [41])).rows).toEqual([{ answer: 42 }]);
    const named = { name: "wire-port-test", text: "select $1::text || '!' as shout", values: ["hi"] };
    expect((await client.query(named)).rows).toEqual([{ shout: "hi!" }]);
  });

  it("interleaves wire messages and REST requests without mixing them up", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const title = await insertOverWire(a);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = i % 2 ? a : b;
        const [wire, rest] = await Promise.all([client.query("select $1::int * 2 as n, $2::text as t", [i, `x${i}`]), restTitles(title)]);
        return { wire: wire.rows, rest };
      }),
    );
    results.forEach(({ wire, rest }, i) => {
      expect(wire).toEqual([{ n: i * 2, t: `x${i}` }]);
      expect(rest).toEqual([title]);
    });
  });

  it("delivers rows written over the wire to Realtime subscribers", async () => {
    const listener = stack.service();
    const inserted = new Inbox<{ new: { title: string } }>();
    const channel = listener.channel("wire-port").on("postgres_changes", { event: "INSERT", schema: "public", table: "projects" }, (change) => inserted.push(change as never));
    try {
      await subscribed(channel);
      const client = await connect();
      const title = await insertOverWire(client);
      await inserted.until(() => inserted.items.some((change) => change.new.title === title), 10_000, "the INSERT made over the wire");
    } finally {
      await closeClients(listener);
    }
  });

  it("closes with a client inside a transaction", async () => {
    const client = await connect();
    await client.query("begin");
    await insertOverWire(client);
    const ended = new Promise((resolve) => client.once("end", resolve));
    stackClosed = true;
    await stack.close();
    await ended;
  });
});
