import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser, project: string;
beforeAll(async () => ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Dog CRM" })));
afterAll(() => stack?.close());

const jobCount = async () => (await service.from("agent_jobs").select("*", { count: "exact", head: true })).count;
const idea = { user_idea: "A CRM for dog walkers" };

describe.each([
  ["/run-pipeline", (extra: object = {}) => ({ project_id: project, input_context: idea, ...extra })],
  ["/run-agent", (extra: object = {}) => ({ project_id: project, agent_type: "research", input_context: idea, ...extra })],
])("POST %s", (path, body) => {
  it("queues a job for the owner's project and answers at once", async () => {
    const response = await callFunction(stack, alice, "POST", path, body());
    expect(response.status).toBe(202);
    const answer = await response.json();
    expect(answer).toEqual({ job_id: expect.any(String), status: "queued", estimated_time: expect.stringMatching(/^\d+[smh]$/) });
    const { data } = await service.from("agent_jobs").select("project_id, user_id, params").eq("id", answer.job_id).single();
    expect(data).toMatchObject({ project_id: project, user_id: alice.userId, params: { input_context: idea } });
  });

  it("gives the job the budget of the project's settings", async () => {
    await service.from("projects").update({ settings: { budget: { max_tokens: 5000 } } }).eq("id", project).throwOnError();
    const { job_id } = await (await callFunction(stack, alice, "POST", path, body())).json();
    await service.from("projects").update({ settings: {} }).eq("id", project).throwOnError();
    const { data } = await service.from("agent_jobs").select("budget").eq("id", job_id).single();
    expect(data!.budget).toEqual({ max_tokens: 5000 });
  });

  it("answers 404 for another user's project, and queues nothing", async () => {
    const before = await jobCount();
    expect((await callFunction(stack, bob, "POST", path, body())).status).toBe(404);
    expect(await jobCount()).toBe(before);
  });

  it("answers 401 without a user token", async () => {
    expect((await callFunction(stack, { apikey: stack.keys.anonKey }, "POST", path, body())).status).toBe(401);
  });

  it.each([
    ["an unknown key", () => body({ extra: 1 })],
    ["an idea over 5,000 characters", () => body({ input_context: { user_idea: "x".repeat(5001) } })],
    ["an empty idea", () => body({ input_context: { user_idea: "   " } })],
    ["a bad uuid", () => body({ project_id: "123" })],
    ["a wrong type", () => body({ input_context: "A CRM" })],
    ["no body", () => undefined],
  ])("answers 400 with zod's issues for %s", async (_name, make) => {
    const response = await callFunction(stack, alice, "POST", path, make() ?? "");
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.error).toEqual(expect.any(String));
  });

  it("answers 405 to GET", async () => {
    expect((await callFunction(stack, alice, "GET", path)).status).toBe(405);
  });
});

/** A small deterministic generator, so a failing case reproduces. */
function generator(seed: number) {
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

it("answers 300 generated bad requests to every endpoint without a 5xx and without writing anything", async () => {
  const g = generator(11);
  const values = [null, 0, -1, 1e308, "", "x".repeat(6000), [], {}, true, "🐕", "00000000-0000-0000-0000-000000000000", project, "research", "pipeline", { user_idea: 5 }, { user_idea: "ok", more: 1 }];
  const keys = ["project_id", "agent_type", "input_context", "responses", "repo_name", "github_token", "__proto__", "constructor"];
  const targets = [
    ["POST", "/run-pipeline"], ["POST", "/run-agent"], ["POST", `/jobs/${project}/respond`], ["POST", `/jobs/${project}/cancel`],
    ["GET", `/jobs/${project}/list?limit=${g.pick(["-1", "x", "1e9", ""])}`], ["GET", "/jobs/%00"], ["POST", `/projects/${project}/export/github`],
    ["GET", "/projects/not-a-uuid/export/zip"], ["POST", "/jobs/"], ["DELETE", "/run-pipeline"],
  ] as const;
  const before = await jobCount();
  const failures: string[] = [];
  for (let i = 0; i < 300; i++) {
    const [method, path] = g.pick(targets);
    const shape = g.pick(["object", "array", "scalar", "text"]);
    const body =
      shape === "object" ? Object.fromEntries(Array.from({ length: 1 + Math.floor(g.next() * 3) }, () => [g.pick(keys), g.pick(values)]))
      : shape === "array" ? [g.pick(values)]
      : shape === "scalar" ? g.pick(values)
      : g.pick(["{", "not json", "", "null"]);
    const response = await callFunction(stack, alice, method, path, method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body));
    if (response.status >= 500) failures.push(`${response.status} ${method} ${path} ${JSON.stringify(body).slice(0, 100)} → ${(await response.text()).slice(0, 200)}`);
    else await response.body?.cancel();
  }
  expect(failures).toEqual([]);
  expect(await jobCount()).toBe(before);
});
