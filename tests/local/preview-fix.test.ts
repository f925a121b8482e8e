import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { offlineApp } from "../../shared/offline/app.ts";
import { callFunction } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser, project: string;
beforeAll(async () => {
  ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Dog CRM", files: (await offlineApp("A CRM for dog walkers")).files }));
});
afterAll(() => stack?.close());

const thrown = { kind: "render", message: "Cannot read properties of undefined (reading 'map')", stack: "TypeError: Cannot read properties of undefined (reading 'map')\n    at WalksPage (src/pages/WalksPage.tsx:12:20)" };

describe("POST /preview/fix (Fix this on a preview error)", () => {
  it("queues the code agent on the project's files with the error and its stack as the change to make", async () => {
    const response = await callFunction(stack, alice, "POST", "/preview/fix", { project_id: project, error: thrown });
    expect(response.status).toBe(202);
    const { job_id } = await response.json();
    const { data: job } = await service.from("agent_jobs").select("agent_type, user_id, params").eq("id", job_id).single().throwOnError();
    expect(job).toMatchObject({ agent_type: "code", user_id: alice.userId });
    expect(job!.params.instruction).toContain("failed to render");
    expect(job!.params.instruction).toContain(thrown.message);
    expect(job!.params.instruction).toContain("at WalksPage (src/pages/WalksPage.tsx:12:20)");
    expect(job!.params.files.length).toBeGreaterThan(3);
    // A job like any other: the worker runs the change and stores what the code agent was asked.
    const done = await pollFor(async () => {
      const { data } = await service.from("agent_jobs").select("status").eq("id", job_id).single();
      return data && ["completed", "failed"].includes(data.status) ? data.status : undefined;
    }, "the fix job to end", 60_000);
    expect(done).toBe("completed");
    const { data: artifact } = await service.from("job_artifacts").select("content").eq("job_id", job_id).eq("stage", "code").single().throwOnError();
    expect(artifact!.content.instruction).toContain(thrown.message);
  }, 90_000);

  it("answers 400 naming the field for a bad error, and 404 for another user's project, queueing nothing", async () => {
    const before = (await service.from("agent_jobs").select("id", { count: "exact", head: true }).eq("project_id", project)).count;
    const bad = await callFunction(stack, alice, "POST", "/preview/fix", { project_id: project, error: { kind: "boom", message: "" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/error\.(kind|message)/);
    const other = await callFunction(stack, bob, "POST", "/preview/fix", { project_id: project, error: thrown });
    expect(other.status).toBe(404);
    expect((await service.from("agent_jobs").select("id", { count: "exact", head: true }).eq("project_id", project)).count).toBe(before);
  });
});
