/**
 * Student mode follows the student, through the functions and supabase-js:
 * the roadmap and pedagogy agents take the level from the request or else the
 * profile; the stored roadmap keeps its title, level and hours; finishing a
 * module's steps opens the next, and the locks cannot be forged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { offlineResearch } from "../../shared/offline/research.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { startStackWithProject, type TestStack } from "./stack.ts";

type Roadmap = { id: string; title: string; skill_level: string; total_estimated_hours: number; description: string; current_step_index: number; modules: { title: string; steps: string[]; is_locked: boolean }[] };

let stack: TestStack, service: SupabaseClient, alice: SignedInCaller, bob: SignedInCaller, project: string;

const IDEA = "A CRM for dog walkers with clients, dogs and walks";

beforeAll(async () => {
  ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Dog CRM", mode: "student" }));
  // The research agent's output, as a finished research job leaves it.
  await service.from("projects").update({ requirements_spec: offlineResearch({ user_idea: IDEA }) }).eq("id", project).throwOnError();
});
afterAll(() => stack?.close());

const run = (caller: SignedInCaller, agent: string, context: Record<string, unknown> = {}) =>
  callFunction(stack, caller, "POST", "/run-agent", { project_id: project, agent_type: agent, input_context: { user_idea: IDEA, ...context } });

async function finished(response: Response) {
  expect(response.status).toBe(202);
  const { job_id: id } = (await response.json()) as { job_id: string };
  for (;;) {
    const { data } = await service.from("agent_jobs").select("status, result, error, params").eq("id", id).single().throwOnError();
    if (!["queued", "running"].includes(data!.status)) return data!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The project's newest roadmap, as the student reads it. */
const newest = async () =>
  (await alice.client.from("learning_roadmaps").select("*").eq("project_id", project).order("created_at", { ascending: false }).limit(1).single().throwOnError()).data as Roadmap;
const setProfileLevel = (level: string | null) => alice.client.from("profiles").update({ skill_level: level }).eq("id", alice.userId).throwOnError();

describe("the level a roadmap is planned for", () => {
  it("is beginner with no level anywhere: fundamentals first", async () => {
    const job = await finished(await run(alice, "roadmap"));
    expect(job).toMatchObject({ status: "completed", params: { skill_level: "beginner" } });
    const roadmap = await newest();
    expect(roadmap).toMatchObject({ skill_level: "beginner", title: "Build Dog Walker CRM step by step", total_estimated_hours: job.result.total_estimated_hours });
    expect(roadmap.modules[0]!.title).toBe("Web fundamentals: HTML, CSS and JavaScript");
  });

  it("is the profile's when the request names none, and the request's when it does", async () => {
    await setProfileLevel("advanced");
    const fromProfile = await finished(await run(alice, "roadmap"));
    expect(fromProfile.params.skill_level).toBe("advanced");
    const advanced = await newest();
    expect(advanced.skill_level).toBe("advanced");
    expect(advanced.modules.map((m) => m.title)).not.toContain("Web fundamentals: HTML, CSS and JavaScript");

    const fromRequest = await finished(await run(alice, "roadmap", { skill_level: "beginner" }));
    expect(fromRequest.params.skill_level).toBe("beginner");
    const beginner = await newest();
    expect(beginner.skill_level).toBe("beginner");
    expect(beginner.total_estimated_hours).toBeGreaterThan(advanced.total_estimated_hours);
    expect(beginner.modules.flatMap((m) => m.steps).length).toBeGreaterThan(advanced.modules.flatMap((m) => m.steps).length);
    expect(beginner.description).toMatch(/^A beginner path/);
    await setProfileLevel(null);
  });

  it("pitches the mentor's recommendation at the requested level", async () => {
    const question = { user_idea: "Where should I store the walks?" };
    const beginner = await finished(await run(alice, "pedagogy", { ...question, skill_level: "beginner" }));
    const advanced = await finished(await run(alice, "pedagogy", { ...question, skill_level: "advanced" }));
    expect(beginner.result.recommendation).toMatch(/^local-storage/);
    expect(advanced.result.recommendation).toMatch(/^edge-functions/);
  });

  it("answers 400 naming the field for a level the agent does not take, or an unknown level", async () => {
    const research = await run(alice, "research", { skill_level: "advanced" });
    expect(research.status).toBe(400);
    expect((await research.json()).error).toContain("input_context.skill_level");
    const unknown = await run(alice, "roadmap", { skill_level: "expert" });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("skill_level");
    const pipeline = await callFunction(stack, alice, "POST", "/run-pipeline", { project_id: project, input_context: { user_idea: IDEA, skill_level: "advanced" } });
    expect(pipeline.status).toBe(400);
    expect(JSON.stringify(await pipeline.json())).toContain("skill_level");
  });
});

describe("module locks follow the student's progress", () => {
  it("opens the next module when the student marks the last step of the one before done", async () => {
    await finished(await run(alice, "roadmap", { skill_level: "advanced" }));
    const roadmap = await newest();
    expect(roadmap.current_step_index).toBe(0);
    expect(roadmap.modules.map((m) => m.is_locked)).toEqual(roadmap.modules.map((_, i) => i > 0));
    const firstSteps = roadmap.modules[0]!.steps.length;
    for (let step = 0; step < firstSteps; step += 1) {
      expect((await newest()).modules[1]!.is_locked).toBe(true);
      await alice.client.from("learning_roadmaps").update({ current_step_index: step + 1 }).eq("id", roadmap.id).eq("current_step_index", step).throwOnError();
    }
    const after = await newest();
    expect(after.modules.slice(0, 3).map((m) => m.is_locked)).toEqual([false, false, true]);
  });

  it("refuses forged locks, skipped steps and another student's writes, changing nothing", async () => {
    const before = await newest();
    const open = before.modules.map((m) => ({ ...m, is_locked: false }));
    const forged = await alice.client.from("learning_roadmaps").update({ modules: open }).eq("id", before.id);
    expect(forged.status).toBe(403);
    expect(forged.error?.code).toBe("42501");
    const skipped = await alice.client.from("learning_roadmaps").update({ current_step_index: before.current_step_index + 3 }).eq("id", before.id);
    expect(skipped.status).toBe(400);
    expect(skipped.error?.message).toContain("one finished step at a time");
    const created = await alice.client.from("learning_roadmaps").insert({ project_id: project, modules: open });
    expect(created.status).toBe(403);
    const foreign = await bob.client.from("learning_roadmaps").update({ current_step_index: before.current_step_index + 1 }).eq("id", before.id).select("id");
    expect(foreign.data).toEqual([]);
    expect(await newest()).toEqual(before);
  });
});
