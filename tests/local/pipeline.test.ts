import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction } from "./api.ts";
import { startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, alice: SignedUpUser;
beforeAll(async () => ({ stack, alice } = await startStackWithUsers()));
afterAll(() => stack?.close());

async function newProject(title = "Dog CRM"): Promise<string> {
  return (await alice.client.from("projects").insert({ user_id: alice.userId, title, mode: "builder" }).select().single().throwOnError()).data!.id;
}

/** Polls the job until `done` holds or 60 s pass. */
async function waitForJob(jobId: string, done: (job: { status: string }) => boolean) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await (await callFunction(stack, alice, "GET", `/jobs/${jobId}`)).json();
    if (done(job) || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const finished = (job: { status: string }) => ["completed", "failed", "cancelled", "waiting_for_input"].includes(job.status);

describe("the pipeline through the functions, on the offline engine", () => {
  it("turns an idea into requirements, a site map, files and a passing QA report", async () => {
    const project = await newProject();
    const started = await callFunction(stack, alice, "POST", "/run-pipeline", {
      project_id: project,
      input_context: { user_idea: "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices" },
    });
    expect(started.status).toBe(202);
    const { job_id } = await started.json();
    let job = await waitForJob(job_id, finished);
    if (job.status === "waiting_for_input") {
      const responses = job.result.questions.map((q: { id: string; options?: string[] }) => ({ question_id: q.id, answer: q.options?.[0] ?? "Dog walkers and their clients" }));
      expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/respond`, { responses })).status).toBe(200);
      job = await waitForJob(job_id, (j) => ["completed", "failed", "cancelled"].includes(j.status));
    }
    expect(job).toMatchObject({ status: "completed", progress: 100 });
    expect(job.result.passed ?? job.result.qa?.passed).toBe(true);

    const { data: saved } = await alice.client.from("projects").select("status, requirements_spec, architecture_spec").eq("id", project).single();
    expect(saved!.status).toBe("completed");
    expect(saved!.requirements_spec.app_name).toEqual(expect.any(String));
    expect(saved!.architecture_spec.site_map.length).toBeGreaterThan(0);
    const { data: files } = await alice.client.from("project_files").select("path").eq("project_id", project);
    expect(files!.map((f) => f.path)).toEqual(expect.arrayContaining(["package.json", "index.html", "src/main.tsx", "src/App.tsx"]));

    const { data: events } = await alice.client.from("job_events").select("seq, type").eq("job_id", job_id).order("seq");
    expect(events!.filter((e) => e.type === "stage_completed")).toHaveLength(4);
  });

  it("runs a single agent from what the project already has", async () => {
    const project = await newProject("Yoga studio booking");
    const response = await callFunction(stack, alice, "POST", "/run-agent", {
      project_id: project, agent_type: "research", input_context: { user_idea: "Booking app for yoga studios with class schedules and memberships" },
    });
    const { job_id } = await response.json();
    let job = await waitForJob(job_id, finished);
    if (job.status === "waiting_for_input") {
      const responses = job.result.questions.map((q: { id: string; options?: string[] }) => ({ question_id: q.id, answer: q.options?.[0] ?? "Studio owners" }));
      await callFunction(stack, alice, "POST", `/jobs/${job_id}/respond`, { responses });
      job = await waitForJob(job_id, (j) => ["completed", "failed", "cancelled"].includes(j.status));
    }
    expect(job.status).toBe("completed");
    const { data } = await alice.client.from("projects").select("requirements_spec").eq("id", project).single();
    expect(data!.requirements_spec).not.toBeNull();
  });

  it("cancels a running pipeline", async () => {
    const project = await newProject("Cancelled");
    const { job_id } = await (await callFunction(stack, alice, "POST", "/run-pipeline", {
      project_id: project, input_context: { user_idea: "An online shop for handmade ceramics with cart and checkout" },
    })).json();
    const cancel = await callFunction(stack, alice, "POST", `/jobs/${job_id}/cancel`);
    expect(await cancel.json()).toEqual({ status: "cancelled" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { data } = await alice.client.from("agent_jobs").select("status, completed_stages").eq("id", job_id).single();
    expect(data!.status).toBe("cancelled");
    expect(data!.completed_stages.length).toBeLessThan(4);
    const { data: events } = await alice.client.from("job_events").select("type").eq("job_id", job_id).order("seq");
    const types = events!.map((e) => e.type);
    expect(types).toContain("job_cancelled");
    const after = types.slice(types.indexOf("job_cancelled") + 1);
    expect(after.filter((t) => t === "stage_started" || t === "stage_completed")).toEqual([]);
  });
});

describe("the sweeper", () => {
  it("resumes a job whose worker died mid-stage, from its last finished stage, writing each stage once", async () => {
    const project = await newProject("Resumed");
    const service = stack.service();
    const idea = "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices";
    // A first run finishes research and wireframe, then its worker "dies" while coding.
    const { data: job } = await service.from("agent_jobs").insert({
      project_id: project, user_id: alice.userId, agent_type: "pipeline", params: { input_context: { user_idea: idea }, clarify: false },
    }).select("id").single().throwOnError();
    const jobId = job!.id;
    const stageDone = async (stage: string) =>
      (await service.from("agent_jobs").select("completed_stages").eq("id", jobId).single()).data!.completed_stages.includes(stage);
    await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker", { job_id: jobId });
    const deadline = Date.now() + 30_000;
    while (!(await stageDone("wireframe")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await callFunction(stack, alice, "POST", `/jobs/${jobId}/cancel`); // stop the live chain …
    await service.from("agent_jobs").update({ status: "running", leased_by: "dead-worker", lease_expires_at: new Date(Date.now() - 1000).toISOString() }).eq("id", jobId).throwOnError();
    const before = (await service.from("agent_jobs").select("completed_stages").eq("id", jobId).single()).data!.completed_stages;

    const swept = await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker/sweep");
    expect(await swept.json()).toMatchObject({ requeued: 1 });
    const done = await waitForJob(jobId, (j) => ["completed", "failed"].includes(j.status));
    expect(done.status).toBe("completed");

    const { data: artifacts } = await service.from("job_artifacts").select("stage").eq("job_id", jobId);
    expect(artifacts!.map((a) => a.stage).sort()).toEqual(["code", "qa", "research", "wireframe"]);
    const { data: starts } = await service.from("job_events").select("data").eq("job_id", jobId).eq("type", "stage_started");
    const startedStages = starts!.map((e) => e.data.stage);
    for (const stage of before) expect(startedStages.filter((s: string) => s === stage)).toHaveLength(1);
  });

  it("refuses the worker to anyone but the service role", async () => {
    expect((await callFunction(stack, alice, "POST", "/worker/sweep")).status).toBe(403);
    expect((await callFunction(stack, alice, "POST", "/worker", { job_id: crypto.randomUUID() })).status).toBe(403);
  });
});
