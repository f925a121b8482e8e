import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startRunner } from "./sandbox-harness.ts";
import { closeAll, startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser;
let runner: ReturnType<typeof startRunner>;

beforeAll(async () => {
  ({ stack, service, alice } = await startStackWithUsers());
  runner = startRunner(stack);
});
afterAll(() => closeAll(runner, stack));

describe("the pipeline's fix loop with a sandbox runner", () => {
  it("parks the job while the runner runs the app, then completes it with the attempt's verdict", async () => {
    const project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Yoga", mode: "builder" }).select("id").single().throwOnError()).data!.id;
    const params = { input_context: { user_idea: "a booking system for a small yoga studio: classes, instructors and bookings" }, clarify: false, sandbox: true };
    const { data: jobId } = await service.rpc("create_agent_job", { p_project_id: project, p_user_id: alice.userId, p_agent_type: "pipeline", p_params: params }).throwOnError();
    const started = performance.now();
    await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker", { job_id: jobId });
    const job = await pollFor(async () => {
      const { data } = await alice.client.from("agent_jobs").select("status, result, completed_stages, progress").eq("id", jobId).single();
      return data && ["completed", "failed", "waiting_for_input", "cancelled"].includes(data.status) ? data : undefined;
    }, "the pipeline to end", 150_000);
    console.log(`pipeline with one sandbox attempt: ${Math.round(performance.now() - started)} ms`);

    expect(job.completed_stages).toEqual(["research", "wireframe", "code", "qa", "sandbox_tests_attempt_1"]);
    expect(job).toMatchObject({ status: "completed", progress: 100 });
    expect(job.result.passed).toBe(true);
    expect(job.result.sandbox).toMatchObject({ passed: true, attempts: 1, fixes: 0, status: "passed", failures: [] });
    expect(job.result.sandbox.tests.passed).toBeGreaterThan(3);
    expect(job.result.sandbox.routes.rendered).toBe(job.result.sandbox.routes.total);

    const { data: runs } = await alice.client.from("sandbox_runs").select("attempt, status, screenshot_paths").eq("job_id", jobId);
    expect(runs).toEqual([expect.objectContaining({ attempt: 1, status: "passed" })]);
    const { data: artifact } = await alice.client.from("job_artifacts").select("content").eq("job_id", jobId).eq("stage", "sandbox_tests_attempt_1").single();
    expect(artifact!.content).toMatchObject({ agent: "sandbox", attempt: 1, status: "passed" });
    const { data: events } = await alice.client.from("job_events").select("type, data").eq("job_id", jobId).order("seq");
    const timeline = events!.map((e) => (e.type === "command_run" ? `${e.data.command}:${e.data.status}` : e.type === "stage_completed" ? `done:${e.data.stage}` : e.type));
    const from = timeline.indexOf("done:qa");
    expect(timeline.slice(from)).toEqual(expect.arrayContaining(["stage_started", "sandbox:queued", "sandbox:started", "build:passed", "sandbox:passed", "done:sandbox_tests_attempt_1", "job_completed"]));
    expect(timeline.indexOf("done:sandbox_tests_attempt_1")).toBeGreaterThan(timeline.indexOf("sandbox:passed"));
  }, 180_000);
});
