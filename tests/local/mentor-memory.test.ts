/**
 * Student mode's mentor remembers: a pedagogy job started with the session's
 * id carries the session's transcript and the student's skill level, and the
 * offline engine answers a follow-up in the thread of the earlier question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction, type Caller } from "./api.ts";
import { newProject, startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser;
let project: string;
let session: string;

const transcript = [
  { role: "user", content: "Where should I store the walks?" },
  { role: "mentor", content: "Three ways: localStorage, Supabase tables, Edge Functions." },
];

beforeAll(async () => {
  ({ stack, service, alice, bob } = await startStackWithUsers());
  await alice.client.from("profiles").update({ skill_level: "intermediate" }).eq("id", alice.userId).throwOnError();
  project = await newProject(alice, { title: "Dog CRM", mode: "student" });
  session = (await alice.client.from("daily_sessions").insert({ project_id: project, transcript }).select("id").single().throwOnError()).data!.id;
});
afterAll(() => stack?.close());

const ask = (caller: Caller, extra: Record<string, unknown> = {}, agent = "pedagogy") =>
  callFunction(stack, caller, "POST", "/run-agent", { project_id: project, agent_type: agent, input_context: { user_idea: "Which one is easiest for me?", session_id: session }, ...extra });

async function finished(jobId: string) {
  for (;;) {
    const { data } = await service.from("agent_jobs").select("status, result, error, params").eq("id", jobId).single().throwOnError();
    if (!["queued", "running"].includes(data!.status)) return data!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the mentor's memory (run-agent with input_context.session_id)", () => {
  it("gives the pedagogy job the session's transcript and the student's level, and answers in the earlier question's thread", async () => {
    const response = await ask(alice);
    expect(response.status).toBe(202);
    const job = await finished((await response.json()).job_id);
    expect(job.params).toMatchObject({ history: transcript, skill_level: "intermediate" });
    expect(job.status).toBe("completed");
    expect(job.result.context).toMatch(/^Following up on your question “Where should I store the walks\?”/);
    expect(job.result.options.map((o: { id: string }) => o.id)).toEqual(["local-storage", "supabase-client", "edge-functions"]);
    expect(job.result.recommendation).toMatch(/^supabase-client/); // the intermediate's pick
  });

  it("answers 404 for another user's session, and 400 when the agent is not the mentor", async () => {
    const bobsProject = (await bob.client.from("projects").insert({ user_id: bob.userId, title: "Bob's", mode: "student" }).select().single().throwOnError()).data!.id;
    const foreign = await ask(bob, { project_id: bobsProject });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(await foreign.json())).toContain("mentor session");
    const wrongAgent = await ask(alice, {}, "research");
    expect(wrongAgent.status).toBe(400);
    expect((await wrongAgent.json()).error).toContain("session_id");
    expect((await ask(alice, { input_context: { user_idea: "x", session_id: "nope" } })).status).toBe(400);
  });
});
