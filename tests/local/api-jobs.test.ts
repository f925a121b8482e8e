import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction, readEvents } from "./api.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser, project: string;
beforeAll(async () => ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Dog CRM" })));
afterAll(() => stack?.close());

/** A job written straight into the table (no worker), in the given state. */
async function job(fields: Record<string, unknown> = {}): Promise<string> {
  const { data } = await service.from("agent_jobs").insert({ project_id: project, user_id: alice.userId, agent_type: "pipeline", ...fields }).select("id").single().throwOnError();
  return data!.id;
}

/** The job's event types in order. */
async function eventTypes(id: string): Promise<string[]> {
  const { data } = await service.from("job_events").select("type").eq("job_id", id).order("seq").throwOnError();
  return data!.map((row) => row.type as string);
}

describe("POST /run-agent", () => {
  it("creates the job with its job_queued event as the first of its feed", async () => {
    const response = await callFunction(stack, alice, "POST", "/run-agent", {
      project_id: project, agent_type: "research", input_context: { user_idea: "A CRM for dog walkers with scheduling" },
    });
    expect(response.status).toBe(202);
    const { job_id } = await response.json();
    const { data } = await service.from("job_events").select("seq, type, data").eq("job_id", job_id).eq("seq", 1).single().throwOnError();
    expect(data).toEqual({ seq: 1, type: "job_queued", data: { agent_type: "research" } });
  });
});

describe("GET /jobs/{job_id}", () => {
  it("answers the seed's job status shape to the owner", async () => {
    const id = await job({ status: "running", progress: 45 });
    const response = await callFunction(stack, alice, "GET", `/jobs/${id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      job_id: id, status: "running", agent_type: "pipeline", project_id: project, progress: 45,
      result: null, error: null, created_at: expect.stringMatching(/T/), completed_at: null,
    });
  });

  it("answers 404 to another user and 400 to a bad id", async () => {
    const id = await job();
    expect((await callFunction(stack, bob, "GET", `/jobs/${id}`)).status).toBe(404);
    const bad = await callFunction(stack, alice, "GET", "/jobs/not-a-uuid");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "invalid_request" });
  });

  it("answers 401 without a token or with only the anon key as bearer", async () => {
    const id = await job();
    expect((await callFunction(stack, { apikey: stack.keys.anonKey }, "GET", `/jobs/${id}`)).status).toBe(401);
    expect((await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.anonKey }, "GET", `/jobs/${id}`)).status).toBe(401);
  });
});

describe("GET /jobs/{project_id}/list", () => {
  it("pages with total and has_more, newest first", async () => {
    const { data: other } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "Paged", mode: "builder" }).select().single();
    for (let i = 0; i < 5; i++) {
      await service.from("agent_jobs").insert({ project_id: other!.id, user_id: alice.userId, agent_type: "research" }).throwOnError();
    }
    const first = await (await callFunction(stack, alice, "GET", `/jobs/${other!.id}/list?limit=2&offset=0`)).json();
    expect(first).toMatchObject({ total: 5, has_more: true });
    expect(first.items).toHaveLength(2);
    const last = await (await callFunction(stack, alice, "GET", `/jobs/${other!.id}/list?limit=2&offset=4`)).json();
    expect(last).toMatchObject({ total: 5, has_more: false });
    expect(last.items).toHaveLength(1);
  });

  it("rejects bad paging with 400 and hides other users' projects with 404", async () => {
    expect((await callFunction(stack, alice, "GET", `/jobs/${project}/list?limit=0`)).status).toBe(400);
    expect((await callFunction(stack, alice, "GET", `/jobs/${project}/list?limit=abc`)).status).toBe(400);
    expect((await callFunction(stack, alice, "GET", `/jobs/${project}/list?offset=-1`)).status).toBe(400);
    expect((await callFunction(stack, bob, "GET", `/jobs/${project}/list`)).status).toBe(404);
  });
});

describe("POST /jobs/{job_id}/cancel", () => {
  it("cancels a queued job once, then answers 409", async () => {
    const id = await job();
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/cancel`);
    expect(await response.json()).toEqual({ status: "cancelled" });
    const again = await callFunction(stack, alice, "POST", `/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect((await service.from("agent_jobs").select("status, completed_at").eq("id", id).single()).data).toMatchObject({ status: "cancelled", completed_at: expect.any(String) });
  });

  it.each(["running", "waiting_for_input", "paused"])("cancels a %s job with its job_cancelled event, releasing the lease", async (status) => {
    const id = await job({ status, leased_by: status === "waiting_for_input" ? null : "worker-1", lease_expires_at: status === "waiting_for_input" ? null : new Date(Date.now() + 60_000).toISOString(), stage: status === "waiting_for_input" ? null : "research" });
    expect(await (await callFunction(stack, alice, "POST", `/jobs/${id}/cancel`)).json()).toEqual({ status: "cancelled" });
    const { data: row } = await service.from("agent_jobs").select("status, leased_by, lease_expires_at, stage").eq("id", id).single().throwOnError();
    expect(row).toEqual({ status: "cancelled", leased_by: null, lease_expires_at: null, stage: null });
    expect(await eventTypes(id)).toEqual(["job_cancelled"]);
  });

  it("answers 409 to a finished job without writing an event", async () => {
    const id = await job({ status: "completed", progress: 100 });
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/cancel`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "wrong_state" });
    expect(await eventTypes(id)).toEqual([]);
  });

  it("answers 404 to another user and changes nothing", async () => {
    const id = await job();
    expect((await callFunction(stack, bob, "POST", `/jobs/${id}/cancel`)).status).toBe(404);
    expect(await eventTypes(id)).toEqual([]);
    expect((await service.from("agent_jobs").select("status").eq("id", id).single()).data!.status).toBe("queued");
  });
});

describe("POST /jobs/{job_id}/respond", () => {
  const questions = [
    { id: "scope", question: "What first?", options: ["scheduling", "billing"] },
    { id: "users", question: "Who uses it?" },
  ];

  it("answers 409 when the job is not waiting", async () => {
    const id = await job({ status: "running" });
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses: [{ question_id: "scope", answer: "billing" }] });
    expect(response.status).toBe(409);
  });

  it.each([
    ["an unknown question", [{ question_id: "nope", answer: "x" }, { question_id: "scope", answer: "billing" }, { question_id: "users", answer: "walkers" }]],
    ["an answer outside the options", [{ question_id: "scope", answer: "marketing" }, { question_id: "users", answer: "walkers" }]],
    ["a missing answer", [{ question_id: "scope", answer: "billing" }]],
  ])("rejects %s with 400 and leaves the job waiting", async (_name, responses) => {
    const id = await job({ status: "waiting_for_input", result: { questions } });
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses });
    expect(response.status).toBe(400);
    expect((await service.from("agent_jobs").select("status").eq("id", id).single()).data!.status).toBe("waiting_for_input");
  });

  it("stores valid answers and requeues the job, answering the state it is in", async () => {
    const id = await job({ status: "waiting_for_input", result: { questions }, params: { input_context: { user_idea: "dogs" } } });
    const responses = [{ question_id: "scope", answer: "scheduling" }, { question_id: "users", answer: "dog walkers" }];
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses });
    expect(await response.json()).toEqual({ status: "queued", message: "Agent resumed with clarifications" });
    const { data } = await service.from("agent_jobs").select("params").eq("id", id).single();
    expect(data!.params).toEqual({
      input_context: { user_idea: "dogs" },
      answers: [
        { question_id: "scope", answer: "scheduling", question: "What first?" },
        { question_id: "users", answer: "dog walkers", question: "Who uses it?" },
      ],
    });
    expect((await eventTypes(id))[0]).toBe("clarification_answered");
  });

  it("replaces an earlier answer to the same question and keeps the others", async () => {
    const earlier = [{ question_id: "scope", answer: "billing", question: "What first?" }, { question_id: "tone", answer: "warm", question: "Tone?" }];
    const id = await job({ status: "waiting_for_input", result: { questions: [questions[0]] }, params: { answers: earlier } });
    await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses: [{ question_id: "scope", answer: "scheduling" }] });
    const { data } = await service.from("agent_jobs").select("params").eq("id", id).single();
    expect(data!.params.answers).toEqual([earlier[1], { question_id: "scope", answer: "scheduling", question: "What first?" }]);
  });

  const budgetPause = { reason: "budget", questions: [{ id: "budget", question: "The budget is spent. Go on?", options: ["continue", "stop"] }] };

  it("answers cancelled when \"stop\" ends a budget pause, with both events written", async () => {
    const id = await job({ status: "waiting_for_input", result: budgetPause, budget: { max_tokens: 10 } });
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses: [{ question_id: "budget", answer: "stop" }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "cancelled", message: "Stopped: the job is cancelled." });
    expect((await service.from("agent_jobs").select("status").eq("id", id).single()).data!.status).toBe("cancelled");
    expect(await eventTypes(id)).toEqual(["clarification_answered", "job_cancelled"]);
  });

  it("lifts the budget when the answer to a budget pause is \"continue\"", async () => {
    const id = await job({ status: "waiting_for_input", result: budgetPause, budget: { max_tokens: 10 } });
    const response = await callFunction(stack, alice, "POST", `/jobs/${id}/respond`, { responses: [{ question_id: "budget", answer: "continue" }] });
    expect((await response.json()).status).toBe("queued");
    const { data } = await service.from("agent_jobs").select("budget, result").eq("id", id).single();
    expect(data).toEqual({ budget: null, result: null });
  });

  it("answers 409 to a cancelled job and 404 to another user, writing nothing", async () => {
    const cancelled = await job({ status: "cancelled", result: { questions } });
    const responses = [{ question_id: "scope", answer: "billing" }, { question_id: "users", answer: "walkers" }];
    const response = await callFunction(stack, alice, "POST", `/jobs/${cancelled}/respond`, { responses });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "wrong_state" });
    const waiting = await job({ status: "waiting_for_input", result: { questions } });
    expect((await callFunction(stack, bob, "POST", `/jobs/${waiting}/respond`, { responses })).status).toBe(404);
    expect([...(await eventTypes(cancelled)), ...(await eventTypes(waiting))]).toEqual([]);
    expect((await service.from("agent_jobs").select("status").eq("id", waiting).single()).data!.status).toBe("waiting_for_input");
  });
});

describe("GET /jobs/{job_id}/stream", () => {
  it("streams progress then the final event, and resumes after Last-Event-ID", async () => {
    const id = await job({ status: "running", progress: 10 });
    const response = await callFunction(stack, alice, "GET", `/jobs/${id}/stream`);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reading = readEvents(response, (events) => events.some((e) => e.event === "complete"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await service.from("agent_jobs").update({ progress: 60 }).eq("id", id).throwOnError();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await service.from("agent_jobs").update({ status: "completed", progress: 100, result: { passed: true } }).eq("id", id).throwOnError();
    const events = (await reading).filter((e) => e.event);
    expect(events.map((e) => e.event)).toEqual(["progress", "progress", "complete"]);
    expect(JSON.parse(events[1]!.data!)).toEqual({ progress: 60, status: "running" });
    expect(JSON.parse(events[2]!.data!)).toEqual({ result: { passed: true }, status: "completed" });

    const resumed = await callFunction(stack, alice, "GET", `/jobs/${id}/stream`, undefined, { "last-event-id": events[2]!.id! });
    expect((await readEvents(resumed)).filter((e) => e.event)).toEqual([]);
  });

  it("sends waiting with the questions", async () => {
    const id = await job({ status: "waiting_for_input", result: { questions: [{ id: "q", question: "Who?" }] } });
    const events = await readEvents(await callFunction(stack, alice, "GET", `/jobs/${id}/stream`), (e) => e.some((x) => x.event === "waiting"));
    expect(JSON.parse(events.find((e) => e.event === "waiting")!.data!)).toEqual({ questions: [{ id: "q", question: "Who?" }], status: "waiting_for_input" });
  });

  it("answers 404 to another user before streaming", async () => {
    const id = await job();
    expect((await callFunction(stack, bob, "GET", `/jobs/${id}/stream`)).status).toBe(404);
  });

  it("with ?after=, also sends the job's events past that seq, in order, before the state they led to", async () => {
    const id = await job({ status: "running", progress: 10 });
    const log = (message: string) => service.from("job_events").insert({ job_id: id, kind: "log", level: "info", message }).throwOnError();
    for (const message of ["one", "two", "three"]) await log(message);
    const reading = readEvents(await callFunction(stack, alice, "GET", `/jobs/${id}/stream?after=1`), (events) => events.some((e) => e.event === "complete"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await log("four");
    await service.from("agent_jobs").update({ status: "completed", progress: 100, result: {} }).eq("id", id).throwOnError();
    const events = (await reading).filter((e) => e.event);
    const lines = events.filter((e) => e.event === "job_event").map((e) => JSON.parse(e.data!) as { seq: number; message: string; id?: unknown });
    expect(lines.map((line) => [line.seq, line.message])).toEqual([[2, "two"], [3, "three"], [4, "four"]]);
    expect(events.at(-1)!.event).toBe("complete");
    expect(events.filter((e) => e.event === "job_event").every((e) => e.id === undefined)).toBe(true);
  });

  it("answers 400 to a bad ?after=", async () => {
    const id = await job();
    const response = await callFunction(stack, alice, "GET", `/jobs/${id}/stream?after=soon`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("after");
  });
});
