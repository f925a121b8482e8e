import { afterAll, beforeAll, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

interface Seen {
  jobs: { user_id: string }[];
  events: { user_id: string; job_id: string }[];
}

/** Subscribes to every change of agent_jobs and job_events the user's RLS lets through (no filter). */
async function watchEverything(client: SupabaseClient, seen: Seen): Promise<void> {
  const channel = client
    .channel(`all:${Math.random()}`)
    .on("postgres_changes", { event: "*", schema: "public", table: "agent_jobs" }, (p) => void (p.new && "user_id" in p.new && seen.jobs.push(p.new as Seen["jobs"][0])))
    .on("postgres_changes", { event: "INSERT", schema: "public", table: "job_events" }, (p) => void seen.events.push(p.new as Seen["events"][0]));
  await new Promise<void>((resolve) => channel.subscribe((status) => status === "SUBSCRIBED" && resolve()));
}

it("gives two users building at the same time only their own jobs, events, files and token broadcasts", async () => {
  const users = await Promise.all([stack.signUp(), stack.signUp()]);
  const seen: Seen[] = [{ jobs: [], events: [] }, { jobs: [], events: [] }];
  await Promise.all(users.map(async (u, i) => {
    await u.client.realtime.setAuth(u.accessToken);
    await watchEverything(u.client, seen[i]!);
  }));

  const jobs = await Promise.all(users.map(async (u) => {
    const { data: project } = await u.client.from("projects").insert({ user_id: u.userId, title: "Mine", mode: "builder" }).select("id").single();
    const response = await callFunction(stack, u, "POST", "/run-pipeline", {
      project_id: project!.id, input_context: { user_idea: "A CRM for dog walkers" },
    });
    return { project: project!.id, job: (await response.json()).job_id as string };
  }));

  // Each user also listens to the token broadcasts of their own job.
  const tokens: string[][] = [[], []];
  await Promise.all(users.map(async (u, i) => {
    const channel = u.client.channel(`job:${jobs[i]!.job}`, { config: { private: true } }).on("broadcast", { event: "token" }, (m) => void tokens[i]!.push(m.payload.text));
    await new Promise<void>((resolve) => channel.subscribe((status) => status === "SUBSCRIBED" && resolve()));
  }));

  const service = stack.service();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { data } = await service.from("agent_jobs").select("status").in("id", jobs.map((j) => j.job));
    if (data!.every((j) => !["queued", "running"].includes(j.status)) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));

  users.forEach((u, i) => {
    expect(seen[i]!.events.length, `user ${i} saw their own events`).toBeGreaterThan(0);
    expect(seen[i]!.events.every((e) => e.user_id === u.userId && e.job_id === jobs[i]!.job)).toBe(true);
    expect(seen[i]!.jobs.every((j) => j.user_id === u.userId)).toBe(true);
  });
  for (const [i, u] of users.entries()) {
    const other = jobs[1 - i]!;
    const { data: files } = await u.client.from("project_files").select("project_id");
    expect(files!.every((f) => f.project_id === jobs[i]!.project)).toBe(true);
    expect((await u.client.from("job_events").select("id").eq("job_id", other.job)).data).toEqual([]);
    const status = await callFunction(stack, u, "GET", `/jobs/${other.job}`);
    expect(status.status).toBe(404);
  }
  expect(tokens[0]!.join("").length).toBeGreaterThan(0);
});
