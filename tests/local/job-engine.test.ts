import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { JobStore } from "../../shared/jobs/store.ts";
import type { JobPlan, StageDefinition } from "../../shared/jobs/types.ts";
import { runNextStep, type WorkerOptions } from "../../shared/jobs/worker.ts";
import { startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, owner: SignedUpUser;
let store: JobStore;
let projectId: string;
const runs: string[] = [];

/** A two-stage plan whose stages record each run; behaviour per test through `mode`. */
let mode: "normal" | "ask" | "hang" | "throw" = "normal";
const stage = (name: string, progress: number): StageDefinition => ({
  name,
  progress,
  async run(context) {
    runs.push(name);
    if (name === "second" && mode === "throw") throw new Error("model answered nonsense");
    if (name === "second" && mode === "ask" && !context.job.params.answers) {
      return { kind: "ask", questions: [{ id: "q1", question: "Which features first?", options: ["scheduling", "billing"] }] };
    }
    if (name === "second" && mode === "hang") {
      await new Promise((_, reject) => context.signal.addEventListener("abort", () => reject(context.signal.reason)));
    }
    await context.log("info", `running ${name}`);
    return {
      kind: "completed",
      output: { name, answers: context.job.params.answers ?? null },
      effects: name === "first" ? { project: { requirements_spec: { app_name: "Dog CRM" }, status: "in-progress" } } : { files: [{ path: "src/App.tsx", content: "export {}", language: "typescript" }] },
      usage: { input_tokens: 10, output_tokens: 20, cost_usd: 0.001 },
    };
  },
});
const plan: JobPlan = { stages: () => [stage("first", 40), stage("second", 90)], result: (outputs) => ({ stages: Object.keys(outputs).sort() }) };
const options = (worker = "w1"): WorkerOptions => ({ store, plans: { pipeline: plan }, worker, leaseSeconds: 30, cancelPollMs: 100 });

beforeAll(async () => {
  ({ stack, service, alice: owner } = await startStackWithUsers());
  store = new JobStore(service);
});
afterAll(() => stack?.close());
beforeEach(async () => {
  runs.length = 0;
  mode = "normal";
  const { data } = await owner.client.from("projects").insert({ user_id: owner.userId, title: "Engine", mode: "builder" }).select().single().throwOnError();
  projectId = data!.id;
});

async function newJob(params: Record<string, unknown> = {}): Promise<string> {
  const { data } = await service.from("agent_jobs").insert({ project_id: projectId, user_id: owner.userId, agent_type: "pipeline", params }).select("id").single().throwOnError();
  return data!.id;
}
async function runToEnd(jobId: string, worker = "w1"): Promise<void> {
  while ((await runNextStep(jobId, options(worker))) === "more");
}
const job = async (id: string) => (await service.from("agent_jobs").select("*").eq("id", id).single()).data!;

describe("runNextStep", () => {
  it("runs the stages in order, one per step, writing their outputs, and completes", async () => {
    const id = await newJob();
    expect(await runNextStep(id, options())).toBe("more");
    expect(runs).toEqual(["first"]);
    expect((await job(id)).completed_stages).toEqual(["first"]);
    await runToEnd(id);
    expect(runs).toEqual(["first", "second"]);
    const done = await job(id);
    expect(done).toMatchObject({ status: "completed", progress: 100, result: { stages: ["first", "second"] }, usage: { input_tokens: 20, output_tokens: 40 } });
    const project = (await owner.client.from("projects").select("requirements_spec, status").eq("id", projectId).single()).data;
    expect(project).toEqual({ requirements_spec: { app_name: "Dog CRM" }, status: "in-progress" });
    const files = (await owner.client.from("project_files").select("path").eq("project_id", projectId)).data;
    expect(files).toEqual([{ path: "src/App.tsx" }]);
  });

  it("lets the owner replay the job's events in order by seq", async () => {
    const id = await newJob();
    await runToEnd(id);
    const { data } = await owner.client.from("job_events").select("seq, kind, type, message").eq("job_id", id).order("seq");
    expect(data!.map((e) => e.seq)).toEqual(data!.map((_, i) => i + 1));
    expect(data!.map((e) => e.type ?? e.message)).toEqual([
      "stage_started", "running first", "stage_completed", "stage_started", "running second", "stage_completed", "job_completed",
    ]);
  });

  it("waits for input with the stage's questions, and resumes with the answers", async () => {
    mode = "ask";
    const id = await newJob();
    await runToEnd(id);
    expect(await job(id)).toMatchObject({ status: "waiting_for_input", result: { questions: [{ id: "q1" }] }, completed_stages: ["first"] });
    await service.from("agent_jobs").update({ status: "queued", params: { answers: [{ question_id: "q1", answer: "scheduling" }] } }).eq("id", id).throwOnError();
    await runToEnd(id);
    expect(runs).toEqual(["first", "second", "second"]);
    expect((await job(id)).status).toBe("completed");
  });

  it("stops a stage within a second of a cancel", async () => {
    mode = "hang";
    const id = await newJob();
    await runNextStep(id, options());
    const step = runNextStep(id, options());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelledAt = performance.now();
    await service.from("agent_jobs").update({ status: "cancelled" }).eq("id", id).throwOnError();
    expect(await step).toBe("idle");
    expect(performance.now() - cancelledAt).toBeLessThan(1000);
    expect(await job(id)).toMatchObject({ status: "cancelled", completed_stages: ["first"] });
  });

  it("fails the job with the stage's error", async () => {
    mode = "throw";
    const id = await newJob();
    await runToEnd(id);
    expect(await job(id)).toMatchObject({ status: "failed", error: "second: model answered nonsense" });
  });

  it("resumes after a worker died mid-stage without running the finished stage again", async () => {
    const id = await newJob();
    await runNextStep(id, options("w1"));
    // Worker w2 claims the job for the second stage and dies: its lease runs out.
    await store.claim(id, "w2", 30);
    await stack.db.exclusive(() => stack.db.pg.query("update public.agent_jobs set lease_expires_at = now() - interval '1 second' where id = $1", [id]));
    await stack.db.exclusive(() => stack.db.pg.query("select public.sweep_agent_jobs()"));
    await runToEnd(id, "w3");
    expect(runs).toEqual(["first", "second"]);
    expect(await job(id)).toMatchObject({ status: "completed", attempts: 1 });
    const { count } = await service.from("job_artifacts").select("*", { count: "exact", head: true }).eq("job_id", id);
    expect(count).toBe(2);
  });

  it("pauses a job over its budget instead of spending more", async () => {
    const id = await newJob();
    await service.from("agent_jobs").update({ budget: { max_tokens: 25 } }).eq("id", id).throwOnError();
    await runToEnd(id);
    const paused = await job(id);
    expect(paused).toMatchObject({ status: "waiting_for_input", result: { reason: "budget" }, completed_stages: ["first"] });
    expect(runs).toEqual(["first"]);
  });

  it("does nothing for a job another worker holds", async () => {
    const id = await newJob();
    await store.claim(id, "other", 30);
    expect(await runNextStep(id, options())).toBe("idle");
    expect(runs).toEqual([]);
  });
});
