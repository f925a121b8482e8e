/** @module Realtime commit-to-callback latency with 1, 100 and 500 subscribed supabase-js clients, half of them refused by RLS. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { SignJWT } from "jose";

/**
 * The clients run in a worker thread, so their frame parsing does not share
 * the server's event loop (a browser would not). Times are
 * `performance.timeOrigin + performance.now()`, comparable across threads.
 */
const now = () => performance.timeOrigin + performance.now();

interface ClientSpec {
  token: string;
  owner: boolean;
}

type FromWorker = { type: "ready" } | { type: "got"; client: number; tag: string; at: number } | { type: "stopped" };

// ---------------------------------------------------------------------------
// worker: N supabase-js clients, each with one filtered postgres_changes channel
// ---------------------------------------------------------------------------
async function runClients(): Promise<void> {
  const { createClient } = await import("@supabase/supabase-js");
  const ws = (await import("ws")).default;
  const { apiUrl, anonKey, projectId, clients } = workerData as { apiUrl: string; anonKey: string; projectId: string; clients: ClientSpec[] };
  const port = parentPort!;
  const created = clients.map(({ token }) =>
    // 500 joins at once can take longer than realtime-js's 10 s push timeout on a
    // busy machine; the join wait is reported ("subscribe all"), not a failure.
    createClient(apiUrl, anonKey, {
      accessToken: async () => token,
      realtime: { transport: ws as unknown as typeof WebSocket, timeout: 60_000 },
    }),
  );
  await Promise.all(
    created.map(async (client, index) => {
      await client.realtime.setAuth();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`client ${index} did not subscribe`)), 60_000);
        client
          .channel(`bench-${index}`)
          .on("postgres_changes", { event: "INSERT", schema: "public", table: "agent_jobs", filter: `project_id=eq.${projectId}` }, (payload) => {
            port.postMessage({ type: "got", client: index, tag: (payload.new as { agent_type: string }).agent_type, at: now() } satisfies FromWorker);
          })
          .on("system", {}, (message: { extension: string; status: string }) => {
            if (message.extension === "postgres_changes" && message.status === "ok") {
              clearTimeout(timer);
              resolve();
            }
          })
          .subscribe((status, error) => {
            if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(error ?? new Error(status));
          });
      });
    }),
  );
  port.postMessage({ type: "ready" } satisfies FromWorker);
  port.on("message", async (message: { type: string }) => {
    if (message.type !== "stop") return;
    await Promise.all(created.map((client) => client.removeAllChannels()));
    for (const client of created) client.realtime.disconnect();
    port.postMessage({ type: "stopped" } satisfies FromWorker);
  });
}

/** Worker threads do not inherit tsx's loader on Node 20: the worker loads this file through tsx's API. */
const WORKER_BOOT = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;

// ---------------------------------------------------------------------------
// main: the stack, the writes, the numbers
// ---------------------------------------------------------------------------
async function main(): Promise<void> {
  const { startStack } = await import("../local/server.ts");
  const { defaultPlugins } = await import("../local/server.ts");
  const { realtime } = await import("../local/realtime/index.ts");
  const { ms, percentile, table } = await import("./stats.ts");

  const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-realtime-"));
  const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true }, defaultPlugins.includes(realtime) ? defaultPlugins : [...defaultPlugins, realtime]);
  const sql = <T>(text: string, params: unknown[] = []) => stack.db.exclusive(async () => (await stack.db.pg.query<T>(text, params)).rows);
  const secret = new TextEncoder().encode(stack.keys.jwtSecret);
  const token = (sub: string, session: number) =>
    new SignJWT({ sub, role: "authenticated", aud: "authenticated", session_id: `session-${session}` })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime("2h")
      .sign(secret);

  const ownerId = crypto.randomUUID();
  await sql("insert into auth.users (id, email) values ($1, $2)", [ownerId, `${ownerId}@bench.test`]);
  const [project] = await sql<{ id: string }>("insert into public.projects (user_id, title, mode) values ($1, 'bench', 'builder') returning id", [ownerId]);
  const projectId = project!.id;

  const rows: (string | number)[][] = [];
  const scenarios = [
    { count: 1, shared: false },
    { count: 100, shared: false },
    { count: 500, shared: false },
    { count: 500, shared: true },
  ];
  for (const { count, shared } of scenarios) {
    // Half the clients are the owner, half are other users whose filter matches
    // but whom RLS refuses. Each client has its own session (so its own identity
    // and RLS check), or, `shared`, all tabs of two users: two identities.
    const owners = Math.max(1, Math.ceil(count / 2));
    const otherId = crypto.randomUUID();
    const sharedTokens = shared ? [await token(ownerId, 0), await token(otherId, 1)] : [];
    const clients: ClientSpec[] = [];
    for (let i = 0; i < count; i++) {
      const owner = i < owners;
      clients.push({ owner, token: shared ? sharedTokens[owner ? 0 : 1]! : await token(owner ? ownerId : crypto.randomUUID(), i) });
    }
    const identities = new Set(clients.map((client) => client.token)).size;
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { apiUrl: stack.apiUrl, anonKey: stack.keys.anonKey, projectId, clients } });
    const waiters = new Map<string, { left: number; done: () => void }>();
    const latencies: number[] = [];
    const started = new Map<string, number>();
    let leaked = 0;
    let ready!: () => void;
    let stopped!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const isStopped = new Promise<void>((resolve) => (stopped = resolve));
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") return ready();
      if (message.type === "stopped") return stopped();
      if (!clients[message.client]!.owner) leaked++;
      const t0 = started.get(message.tag);
      if (t0 !== undefined) latencies.push(message.at - t0);
      const waiter = waiters.get(message.tag);
      if (waiter && --waiter.left === 0) waiter.done();
    });
    worker.on("error", (error) => {
      console.error(error);
      process.exit(1);
    });
    const setupStart = Date.now();
    await isReady;
    const setupMs = Date.now() - setupStart;

    const deadline = Date.now() + 20_000;
    const changes = 150;
    let sent = 0;
    for (let i = 0; i < changes && Date.now() < deadline; i++) {
      const tag = `bench-${count}-${i}`;
      const delivered = new Promise<void>((resolve) => waiters.set(tag, { left: owners, done: resolve }));
      // t0 is taken just before the INSERT: the commit's own cost counts against us.
      started.set(tag, now());
      await sql("insert into public.agent_jobs (project_id, user_id, agent_type) values ($1, $2, $3)", [projectId, ownerId, tag]);
      await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    worker.postMessage({ type: "stop" });
    await isStopped;
    await worker.terminate();
    const expected = sent * owners;
    rows.push([
      count,
      `${owners} / ${count - owners}`,
      identities,
      sent,
      `${latencies.length}/${expected}`,
      leaked,
      ms(percentile(latencies, 50)),
      ms(percentile(latencies, 99)),
      ms(Math.max(...latencies)),
      `${setupMs} ms`,
    ]);
    console.error(`[bench] ${count} clients done`);
  }

  console.log("\n### Realtime: commit-to-callback latency (postgres_changes INSERT, filter + RLS)\n");
  console.log(table(["clients", "see / refused", "identities (RLS checks per change)", "changes", "delivered", "leaked", "p50", "p99", "max", "subscribe all"], rows));
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
}

if (isMainThread) {
  await main();
  process.exit(0);
} else {
  await runClients();
}
