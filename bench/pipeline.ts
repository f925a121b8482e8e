/**
 * @module Benchmark: the offline pipeline through the Edge Functions — POST to
 * completed, the first event at a Realtime client, engine overhead per stage, and
 * 20 pipelines from 10 users at once (throughput, event latency).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { startStack } from "../local/server.ts";
import { ms, percentile, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 5);
const IDEA = "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices";

const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-pipeline-"));
const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true });
const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } };

interface User {
  client: SupabaseClient;
  token: string;
  userId: string;
}
async function user(n: number): Promise<User> {
  const client = createClient(stack.apiUrl, stack.keys.anonKey, options);
  const { data } = await client.auth.signUp({ email: `bench${n}@example.test`, password: "correct-horse-battery" });
  await client.realtime.setAuth(data.session!.access_token);
  return { client, token: data.session!.access_token, userId: data.user!.id };
}

async function startPipeline(u: User): Promise<{ jobId: string; projectId: string; postedAt: number }> {
  const { data: project } = await u.client.from("projects").insert({ user_id: u.userId, title: "Bench", mode: "builder" }).select("id").single();
  const postedAt = performance.now();
  const response = await fetch(`${stack.apiUrl}/functions/v1/run-pipeline`, {
    method: "POST",
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${u.token}`, "content-type": "application/json" },
    body: JSON.stringify({ project_id: project!.id, input_context: { user_idea: IDEA } }),
  });
  const { job_id } = (await response.json()) as { job_id: string };
  return { jobId: job_id, projectId: project!.id, postedAt };
}

interface Watch {
  firstEvent: Promise<number>;
  done: Promise<number>;
}

/**
 * Subscribes to the user's job events (job_events.user_id) before any job starts, so
 * no event is missed; `watch(jobId)` then resolves at the job's first event and at
 * job_completed. Each event's commit-to-callback latency goes into `latencies`.
 */
async function subscribe(u: User, latencies: number[]): Promise<(jobId: string) => Watch> {
  const waiters = new Map<string, { first: (at: number) => void; done: (at: number) => void; seen: boolean }>();
  const early = new Map<string, { type: string; at: number }[]>();
  const channel = u.client.channel(`bench:${u.userId}`).on(
    "postgres_changes",
    { event: "INSERT", schema: "public", table: "job_events", filter: `user_id=eq.${u.userId}` },
    (payload) => {
      const now = performance.now();
      const event = payload.new as { job_id: string; type: string; created_at: string };
      latencies.push(Date.now() - Date.parse(event.created_at));
      const waiter = waiters.get(event.job_id);
      if (!waiter) return void (early.get(event.job_id) ?? early.set(event.job_id, []).get(event.job_id)!).push({ type: event.type, at: now });
      if (!waiter.seen) (waiter.seen = true), waiter.first(now);
      if (event.type === "job_completed") waiter.done(now);
    },
  );
  await new Promise<void>((resolve) => channel.subscribe((status) => status === "SUBSCRIBED" && resolve()));
  return (jobId) => {
    let first!: (at: number) => void;
    let done!: (at: number) => void;
    const watch = { firstEvent: new Promise<number>((r) => (first = r)), done: new Promise<number>((r) => (done = r)) };
    const waiter = { first, done, seen: false };
    waiters.set(jobId, waiter);
    for (const event of early.get(jobId) ?? []) {
      if (!waiter.seen) (waiter.seen = true), first(event.at);
      if (event.type === "job_completed") done(event.at);
    }
    return watch;
  };
}

async function run(u: User, watch: (jobId: string) => Watch) {
  const started = await startPipeline(u);
  return { ...started, ...watch(started.jobId) };
}

// 1. Single pipelines, one after another.
const alone = await user(0);
const watchAlone = await subscribe(alone, []);
const single: { total: number; first: number; agent: number }[] = [];
const stageTimes: Record<string, { wall: number[]; agent: number[] }> = {};
for (let attempt = 0; attempt < RUNS + 1; attempt++) {
  const { jobId, postedAt, firstEvent, done } = await run(alone, watchAlone);
  const [first, end] = await Promise.all([firstEvent, done]);
  if (attempt === 0) continue; // warm-up: Deno processes start, TypeScript loads
  const { data: events } = await alone.client.from("job_events").select("type, data, created_at").eq("job_id", jobId).order("seq");
  const agent = (events ?? []).filter((e) => e.type === "stage_completed").reduce((sum, e) => sum + e.data.duration_ms, 0);
  single.push({ total: end - postedAt, first: first - postedAt, agent });
  for (const event of events ?? []) {
    if (event.type !== "stage_completed") continue;
    const started = events!.find((e) => e.type === "stage_started" && e.data.stage === event.data.stage)!;
    const entry = (stageTimes[event.data.stage] ??= { wall: [], agent: [] });
    entry.wall.push(Date.parse(event.created_at) - Date.parse(started.created_at));
    entry.agent.push(event.data.duration_ms);
  }
}

// 2. 20 pipelines from 10 users at once.
const users = await Promise.all(Array.from({ length: 10 }, (_, i) => user(i + 1)));
const loadLatencies: number[] = [];
const watches = await Promise.all(users.map((u) => subscribe(u, loadLatencies)));
const loadStart = performance.now();
const runs = await Promise.all(users.flatMap((u, i) => [run(u, watches[i]!), run(u, watches[i]!)]));
await Promise.all(runs.map((r) => r.done));
const loadSeconds = (performance.now() - loadStart) / 1000;
const service = createClient(stack.apiUrl, stack.keys.serviceRoleKey, options);
const { data: loadJobs } = await service.from("agent_jobs").select("status").in("id", runs.map((r) => r.jobId));
const completed = loadJobs!.filter((job: { status: string }) => job.status === "completed").length;

// Realtime sockets keep the process alive: close every client's before the stack.
for (const client of [alone.client, ...users.map((u) => u.client), service]) {
  await client.removeAllChannels();
  client.realtime.disconnect();
}
await stack.close();
await rm(dataDir, { recursive: true, force: true });

const totals = single.map((s) => s.total);
const firsts = single.map((s) => s.first);
console.log(`\n### Offline pipeline through the functions (${RUNS} runs after a warm-up)\n`);
console.log(table(["measure", "p50", "max", "target"], [
  ["POST run-pipeline → job completed (client sees job_completed)", ms(percentile(totals, 50)), ms(Math.max(...totals)), "< 2000 ms"],
  ["POST → first job event at a Realtime client", ms(percentile(firsts, 50)), ms(Math.max(...firsts)), "< 300 ms"],
  ["(total − time inside the agents) / 4 stages: engine + chaining per stage", ms(percentile(single.map((s) => (s.total - s.agent) / 4), 50)), "", "< 20 ms"],
]));
console.log("\n### Per stage: wall time (stage_started → stage_completed) vs time inside the agent\n");
console.log(table(["stage", "wall p50", "agent p50", "engine overhead p50 (target < 20 ms)"], Object.entries(stageTimes).map(([stage, t]) => {
  const overhead = t.wall.map((wall, i) => wall - t.agent[i]!);
  return [stage, ms(percentile(t.wall, 50)), ms(percentile(t.agent, 50)), ms(percentile(overhead, 50))];
})));
console.log("\n### 20 pipelines from 10 users at once\n");
console.log(table(["completed", "wall", "throughput", "event latency p50", "event latency p99"], [[
  `${completed}/20`, `${loadSeconds.toFixed(1)} s`, `${((completed / loadSeconds) * 60).toFixed(1)} jobs/min`,
  ms(percentile(loadLatencies, 50)), ms(percentile(loadLatencies, 99)),
]]));
