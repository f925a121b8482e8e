/** @module Benchmark: REST through the local gateway vs the same query on PGlite in-process. */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { startStack } from "../local/server.ts";
import { ms, percentile, table, timeInTurns } from "./stats.ts";

const REQUESTS = 2000;
const CONCURRENCY = 8;

const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-rest-"));
const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: false });

const signUp = await fetch(`${stack.apiUrl}/auth/v1/signup`, {
  method: "POST",
  headers: { apikey: stack.keys.anonKey, "content-type": "application/json" },
  body: JSON.stringify({ email: "bench@example.test", password: "correct-horse-battery" }),
});
const { access_token: token, user } = (await signUp.json()) as { access_token: string; user: { id: string } };
const headers = { apikey: stack.keys.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" };

const created = await fetch(`${stack.apiUrl}/rest/v1/projects`, {
  method: "POST",
  headers: { ...headers, prefer: "return=representation" },
  body: JSON.stringify({ user_id: user.id, title: "Bench", mode: "builder" }),
});
const [{ id: projectId }] = (await created.json()) as [{ id: string }];
await fetch(`${stack.apiUrl}/rest/v1/project_files`, {
  method: "POST",
  headers,
  body: JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ project_id: projectId, path: `src/file-${i}.ts`, content: "x".repeat(200) }))),
});

const queries = {
  "single row by primary key": {
    path: `/rest/v1/projects?select=*&id=eq.${projectId}`,
    sql: "select * from public.projects where id = $1",
  },
  "50-row embedded select": {
    path: `/rest/v1/projects?select=*,project_files(*)&id=eq.${projectId}`,
    sql: `select p.*, coalesce((select json_agg(f) from public.project_files f where f.project_id = p.id), '[]') as project_files
          from public.projects p where p.id = $1`,
  },
};

/** The same query as PostgREST would run it: a transaction as the user's role with the JWT claims set. */
function direct(sql: string) {
  return stack.db.exclusive(() =>
    stack.db.pg.transaction(async (tx) => {
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: user.id, role: "authenticated" }),
      ]);
      return tx.query(sql, [projectId]);
    }),
  );
}

async function throughput(path: string): Promise<number> {
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) {
        sent++;
        await (await fetch(stack.apiUrl + path, { headers })).arrayBuffer();
      }
    }),
  );
  return REQUESTS / ((performance.now() - started) / 1000);
}

/**
 * The floor any HTTP gateway in this process pays: the same request and response
 * body through fetch and a Hono listener that does no work.
 */
async function bareHttpServer(body: string) {
  const server = createServer(getRequestListener(() => new Response(body, { headers: { "content-type": "application/json" } })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const rows: (string | number)[][] = [];
for (const [name, { path, sql }] of Object.entries(queries)) {
  const bare = await bareHttpServer(await (await fetch(stack.apiUrl + path, { headers })).text());
  const [gateway = [], inProcess = [], floor = []] = await timeInTurns(REQUESTS, [
    async () => (await fetch(stack.apiUrl + path, { headers })).arrayBuffer(),
    () => direct(sql),
    async () => (await fetch(bare.url + path, { headers })).arrayBuffer(),
  ]);
  bare.close();
  const rps = await throughput(path);
  rows.push([
    name,
    `${rps.toFixed(0)} req/s`,
    ms(percentile(gateway, 50)),
    ms(percentile(gateway, 99)),
    ms(percentile(inProcess, 50)),
    ms(percentile(inProcess, 99)),
    `${(percentile(gateway, 50) / percentile(inProcess, 50)).toFixed(2)}x`,
    ms(percentile(floor, 50)),
    `${((percentile(floor, 50) + percentile(inProcess, 50)) / percentile(inProcess, 50)).toFixed(2)}x`,
  ]);
}
await stack.close();
await rm(dataDir, { recursive: true, force: true });

console.log(`\n### REST through the gateway (${REQUESTS} requests, timed in turns with PGlite; throughput with ${CONCURRENCY} in flight)\n`);
console.log(
  table(
    ["query", "throughput", "gateway p50", "gateway p99", "PGlite p50", "PGlite p99", "overhead (p50 ratio, target < 2x)", "bare HTTP p50", "floor (bare HTTP + PGlite) / PGlite"],
    rows,
  ),
);
