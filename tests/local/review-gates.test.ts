import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction, readEvents, type SignedInCaller } from "./api.ts";
import { startStackWithUsers, type TestStack } from "./stack.ts";

let stack: TestStack, alice: SignedInCaller, mallory: SignedInCaller;
const IDEA = "A CRM for dog walkers: clients, their dogs, scheduled walks and invoices";

beforeAll(async () => ({ stack, alice, bob: mallory } = await startStackWithUsers()));
afterAll(() => stack?.close());

async function newProject(settings: Record<string, unknown> = {}): Promise<string> {
  return (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Gated", mode: "builder", settings }).select().single().throwOnError()).data!.id;
}

type Job = { status: string; review_kind: string | null; completed_stages: string[]; params: Record<string, unknown> };
async function waitFor(jobId: string, done: (job: Job) => boolean): Promise<Job> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { data } = await alice.client.from("agent_jobs").select("status, review_kind, completed_stages, params").eq("id", jobId).single();
    if (done(data as Job) || Date.now() > deadline) return data as Job;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
const eventTypes = async (jobId: string) =>
  ((await alice.client.from("job_events").select("type").eq("job_id", jobId).eq("kind", "event").order("seq")).data ?? []).map((e) => e.type as string);

describe("review gates through the functions", () => {
  it("stops for design review, reruns the wireframe with a requested change, then codes, stops for feature review and completes", async () => {
    const project = await newProject({ review_gates: { design: true } });
    const started = await callFunction(stack, alice, "POST", "/run-pipeline", { project_id: project, input_context: { user_idea: IDEA }, review_gates: { feature: true } });
    expect(started.status).toBe(202);
    const { job_id } = await started.json();
    const settle = (job: Job) => !["queued", "running"].includes(job.status);
    let job = await waitFor(job_id, settle);
    if (job.status === "waiting_for_input") {
      const { data } = await alice.client.from("agent_jobs").select("result").eq("id", job_id).single();
      const responses = data!.result.questions.map((q: { id: string; options?: string[] }) => ({ question_id: q.id, answer: q.options?.[0] ?? "Dog walkers" }));
      expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/respond`, { responses })).status).toBe(200);
      job = await waitFor(job_id, settle);
    }
    expect(job).toMatchObject({ status: "awaiting_review", review_kind: "design", completed_stages: ["research", "wireframe"] });
    const first = (await alice.client.from("projects").select("architecture_spec").eq("id", project).single()).data!.architecture_spec;
    expect((await alice.client.from("project_files").select("id").eq("project_id", project)).data).toEqual([]);

    // The stream says so too.
    const stream = await callFunction(stack, alice, "GET", `/jobs/${job_id}/stream`);
    const events = await readEvents(stream, (seen) => seen.some((e) => e.event));
    expect(events.find((e) => e.event)).toMatchObject({ event: "review" });
    expect(JSON.parse(events.find((e) => e.event)!.data!)).toMatchObject({ review_kind: "design", status: "awaiting_review" });

    expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/review`, { action: "request_changes" })).status).toBe(400);
    const changes = await callFunction(stack, alice, "POST", `/jobs/${job_id}/review`, { action: "request_changes", comment: "Add a reports page for monthly totals" });
    expect(changes.status).toBe(200);
    job = await waitFor(job_id, (j) => j.status === "awaiting_review" && j.completed_stages.includes("wireframe"));
    expect(job.review_kind).toBe("design");
    const revised = (await alice.client.from("projects").select("architecture_spec").eq("id", project).single()).data!.architecture_spec;
    expect(revised.site_map.map((p: { path: string }) => p.path)).toEqual([...first.site_map.map((p: { path: string }) => p.path), "/reports"]);
    const { data: artifacts } = await alice.client.from("job_artifacts").select("stage").eq("job_id", job_id).order("stage");
    expect(artifacts!.map((a) => a.stage)).toEqual(["research", "wireframe", "wireframe:rev1"]);

    expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/review`, { action: "approve" })).status).toBe(200);
    job = await waitFor(job_id, (j) => j.status === "awaiting_review" && j.review_kind === "feature");
    expect(job.completed_stages).toEqual(["research", "wireframe", "code"]);
    const { data: files } = await alice.client.from("project_files").select("path").eq("project_id", project);
    expect(files!.map((f) => f.path).filter((path) => /^src\/pages\/.*Report/.test(path) && !path.includes(".test."))).toHaveLength(1);
    const { data: manifests } = await alice.client.from("project_manifests").select("version, source, job_id").eq("project_id", project);
    expect(manifests).toEqual([{ version: 1, source: "code", job_id }]);

    expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/review`, { action: "approve" })).status).toBe(200);
    job = await waitFor(job_id, (j) => ["completed", "failed"].includes(j.status));
    expect(job.status).toBe("completed");
    expect((await callFunction(stack, alice, "POST", `/jobs/${job_id}/review`, { action: "approve" })).status).toBe(409);

    const types = (await eventTypes(job_id)).filter((t) => ["review_requested", "changes_requested", "review_approved", "job_completed"].includes(t));
    expect(types).toEqual(["review_requested", "changes_requested", "review_requested", "review_approved", "review_requested", "review_approved", "job_completed"]);
    const { data: notes } = await alice.client.from("notifications").select("type, payload").eq("payload->>job_id", job_id).order("created_at");
    expect(notes!.map((n) => [n.type, n.payload.review_kind ?? null])).toEqual([
      ["review_requested", "design"], ["review_requested", "design"], ["review_requested", "feature"], ["job_completed", null],
    ]);
  });

  it("reruns the code after a requested change in feature review, telling rewritten files (file_updated) from new ones (file_created)", async () => {
    const project = await newProject();
    const { data: inserted } = await stack.service().from("agent_jobs").insert({
      project_id: project, user_id: alice.userId, agent_type: "pipeline",
      params: { input_context: { user_idea: IDEA }, clarify: false, review_gates: { feature: true } },
    }).select("id").single().throwOnError();
    const jobId = inserted!.id;
    await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker", { job_id: jobId });
    expect(await waitFor(jobId, (j) => j.status === "awaiting_review")).toMatchObject({ review_kind: "feature", completed_stages: ["research", "wireframe", "code"] });
    const paths = ((await alice.client.from("project_files").select("path").eq("project_id", project).order("path")).data ?? []).map((f) => f.path as string);
    expect(paths).toContain("README.md");
    const fileEvents = async () =>
      ((await alice.client.from("job_events").select("type, data").eq("job_id", jobId).in("type", ["file_created", "file_updated"]).order("seq")).data ?? [])
        .map((e) => [e.type as string, (e.data as { path: string }).path] as const);
    const first = await fileEvents();
    expect(first.map(([type]) => type)).toEqual(paths.map(() => "file_created"));
    expect(first.map(([, path]) => path).sort()).toEqual(paths);

    // One file gone before the rerun: it is new again, every other one is rewritten.
    await stack.service().from("project_files").delete().eq("project_id", project).eq("path", "README.md").throwOnError();
    expect((await callFunction(stack, alice, "POST", `/jobs/${jobId}/review`, { action: "request_changes", comment: "Show the invoice total in the header" })).status).toBe(200);
    await waitFor(jobId, (j) => j.status === "awaiting_review" && j.completed_stages.includes("code") && (j.params.review_comments as unknown[] | undefined)?.length === 1);
    const rerun = (await fileEvents()).slice(first.length);
    expect(rerun.filter(([type]) => type === "file_created")).toEqual([["file_created", "README.md"]]);
    expect(rerun.filter(([type]) => type === "file_updated").map(([, path]) => path).sort()).toEqual(paths.filter((p) => p !== "README.md"));
    const readme = (await alice.client.from("project_files").select("content").eq("project_id", project).eq("path", "README.md").single()).data!.content;
    expect(readme).toContain("## Changes from review\n\n- Show the invoice total in the header");
  });

  it("pauses a run (nothing new starts) and resumes it to completion", async () => {
    const project = await newProject();
    const { data: inserted } = await stack.service().from("agent_jobs").insert({
      project_id: project, user_id: alice.userId, agent_type: "pipeline", params: { input_context: { user_idea: IDEA }, clarify: false },
    }).select("id").single().throwOnError();
    const jobId = inserted!.id;
    const paused = await callFunction(stack, alice, "POST", `/jobs/${jobId}/pause`);
    expect(await paused.json()).toMatchObject({ status: "paused" });
    await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker", { job_id: jobId });
    await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker/sweep");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await waitFor(jobId, () => true)).toMatchObject({ status: "paused", completed_stages: [] });
    expect((await callFunction(stack, alice, "POST", `/jobs/${jobId}/pause`)).status).toBe(409);

    const stream = await callFunction(stack, alice, "GET", `/jobs/${jobId}/stream`);
    const events = await readEvents(stream, (seen) => seen.some((e) => e.event));
    expect(events.find((e) => e.event)).toMatchObject({ event: "paused" });

    expect(await (await callFunction(stack, alice, "POST", `/jobs/${jobId}/resume`)).json()).toMatchObject({ status: "queued" });
    const done = await waitFor(jobId, (j) => ["completed", "failed"].includes(j.status));
    expect(done.status).toBe("completed");
    const types = await eventTypes(jobId);
    expect(types.slice(0, 2)).toEqual(["job_paused", "job_resumed"]);
  });

  it("lets another user neither act on the job nor read its events, over REST, Realtime or the functions", async () => {
    const project = await newProject();
    const { data: inserted } = await stack.service().from("agent_jobs").insert({
      project_id: project, user_id: alice.userId, agent_type: "pipeline", status: "awaiting_review", review_kind: "design", completed_stages: ["research", "wireframe"],
    }).select("id").single().throwOnError();
    const jobId = inserted!.id;

    const received: unknown[] = [];
    const channel = mallory.client.channel(`spy-${jobId}`).on("postgres_changes", { event: "*", schema: "public", table: "job_events" }, (p) => received.push(p));
    await new Promise<void>((resolve) => channel.subscribe((status) => status === "SUBSCRIBED" && resolve()));

    for (const [path, body] of [["review", { action: "approve" }], ["pause", undefined], ["resume", undefined]] as const) {
      expect((await callFunction(stack, mallory, "POST", `/jobs/${jobId}/${path}`, body)).status).toBe(404);
    }
    expect((await stack.service().from("agent_jobs").select("status").eq("id", jobId).single()).data!.status).toBe("awaiting_review");
    expect((await callFunction(stack, alice, "POST", `/jobs/${jobId}/review`, { action: "request_changes", comment: "Darker colours" })).status).toBe(200);
    await callFunction(stack, alice, "POST", `/jobs/${jobId}/cancel`);
    expect((await mallory.client.from("job_events").select("id").eq("job_id", jobId)).data).toEqual([]);
    expect((await mallory.client.from("agent_jobs").select("id").eq("id", jobId)).data).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual([]);
    await mallory.client.removeChannel(channel);
  });
});
