import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction, type Caller } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser, project: string;
beforeAll(async () => ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Fix again" })));
afterAll(() => stack?.close());

const LOOP = ["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1", "reviewer_pass_1"];

/** A pipeline job written straight into the tables as the fix loop leaves it when pass 1 stops at a limit of 1. */
async function stoppedJob(fields: Record<string, unknown> = {}): Promise<string> {
  const { data } = await service.from("agent_jobs").insert({
    project_id: project, user_id: alice.userId, agent_type: "pipeline", status: "completed", progress: 100, completed_stages: LOOP, params: { sandbox: true },
    result: { passed: false, sandbox: { passed: false, attempts: 1, fixes: 0, stopped: "limit" } }, ...fields,
  }).select("id").single().throwOnError();
  const failed = { check: "routes", passed: false, failures: [{ message: "/ threw: boom", route: "/" }] };
  await service.from("job_artifacts").insert([
    { job_id: data!.id, user_id: alice.userId, stage: "sandbox_tests_attempt_1", content: { agent: "sandbox", attempt: 1, status: "failed", screenshot_paths: [], output: { verdict: { passed: false, checks: [failed] } } } },
    { job_id: data!.id, user_id: alice.userId, stage: "reviewer_pass_1", content: { agent: "code", pass: 1, stopped: "limit", failures: [] } },
  ]).throwOnError();
  return data!.id;
}

const eventTypes = async (id: string) => (await service.from("job_events").select("type").eq("job_id", id).order("seq").throwOnError()).data!.map((e) => e.type as string);
const fixAgain = (caller: Caller, id: string, body: unknown = {}) => callFunction(stack, caller, "POST", `/jobs/${id}/fix-again`, body);

describe("POST /jobs/{job_id}/fix-again", () => {
  it("queues a build whose fix loop stopped unfixed with more attempts, and the worker takes it up", async () => {
    const id = await stoppedJob();
    const response = await fixAgain(alice, id, { attempts: 2 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "queued", message: "Fixing again: up to 2 more attempt(s)." });
    const { data: row } = await service.from("agent_jobs").select("params, completed_stages").eq("id", id).single().throwOnError();
    expect(row!.params).toMatchObject({ max_fix_attempts: 3 });
    expect((await eventTypes(id))[0]).toBe("fix_retry_requested");
    // The worker was kicked: the reopened pass runs (and, on these planted rows without a spec, fails).
    await pollFor(async () => ((await eventTypes(id)).includes("stage_started") ? true : undefined), "the worker to start the reopened pass", 20_000);
  });

  it("answers 409 wrong_state to a green build and to a running job, writing nothing", async () => {
    for (const fields of [{ result: { passed: true, sandbox: { passed: true, attempts: 1 } } }, { status: "running", leased_by: "w", lease_expires_at: new Date(Date.now() + 60_000).toISOString() }]) {
      const id = await stoppedJob(fields);
      const response = await fixAgain(alice, id);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: "wrong_state" });
      expect(await eventTypes(id)).toEqual([]);
    }
  });

  it("answers 404 to another user and changes nothing", async () => {
    const id = await stoppedJob();
    expect((await fixAgain(bob, id)).status).toBe(404);
    expect(await eventTypes(id)).toEqual([]);
    expect((await service.from("agent_jobs").select("status").eq("id", id).single()).data!.status).toBe("completed");
  });

  it("answers 400 naming the field to a bad count of attempts, and 400 to a bad id", async () => {
    const id = await stoppedJob();
    const response = await fixAgain(alice, id, { attempts: 0 });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("attempts");
    expect((await fixAgain(alice, "not-a-uuid")).status).toBe(400);
    expect(await eventTypes(id)).toEqual([]);
  });
});
