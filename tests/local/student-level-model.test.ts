/**
 * With a model configured, the student's level reaches the prompt of the
 * roadmap and pedagogy agents: a fake OpenAI-format server records what the
 * functions send, and answers a roadmap planned for the level it was told.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { defaultPlugins } from "../../local/server.ts";
import { functionsHost } from "../../local/functions/index.ts";
import { offlineResearch } from "../../shared/offline/research.ts";
import { openAiCompletion, openAiStream, startFakeServer, type FakeServer, type RecordedRequest } from "../shared/fake-llm-server.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let llm: FakeServer;
let stack: TestStack;
let service: SupabaseClient;
let alice: SignedInCaller;
let project: string;

/** Everything the model was sent in one request, as text. */
const promptOf = (request: RecordedRequest) => (request.body.messages as { content: unknown }[]).map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
const levelIn = (prompt: string) => /Skill level: (\w+)/.exec(prompt)?.[1] ?? "none";

/** The model's answer: a roadmap for the level in the prompt, or a choice framework for the pedagogy agent. */
function answer(request: RecordedRequest): string {
  const prompt = promptOf(request);
  const level = levelIn(prompt);
  if (/roadmap agent/.test(prompt)) {
    return JSON.stringify({
      title: `Roadmap for ${level}`, description: `Planned by the fake model for a ${level}.`, skill_level: level,
      modules: [{ title: "Start", description: "Begin.", steps: ["One", "Two"], estimated_hours: 3, prerequisites: [] }, { title: "Finish", description: "End.", steps: ["Three"], estimated_hours: 2, prerequisites: ["Start"] }],
      total_estimated_hours: 5,
    });
  }
  return JSON.stringify({
    context: "Where the walks are kept.",
    options: [{ id: "local-storage", title: "localStorage", pros: ["Simple"], cons: ["One device"], difficulty: level, educational_value: "JSON." }],
    recommendation: `local-storage: fits a ${level}.`,
  });
}

beforeAll(async () => {
  llm = await startFakeServer((request) => (request.body?.stream ? { sse: openAiStream([answer(request)]) } : { json: openAiCompletion(answer(request)) }));
  const env = { CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${llm.url}/v1`, CODEFORGE_LLM_MAX_RETRIES: "0" };
  stack = await startTestStack([...defaultPlugins.filter((p) => p.name !== "functions"), functionsHost({ env })]);
  service = stack.service();
  const a = await stack.signUp();
  alice = { apikey: stack.keys.anonKey, token: a.accessToken, client: a.client, userId: a.userId };
  project = (await a.client.from("projects").insert({ user_id: a.userId, title: "Dog CRM", mode: "student" }).select("id").single().throwOnError()).data!.id;
  await service.from("projects").update({ requirements_spec: offlineResearch({ user_idea: "A CRM for dog walkers" }) }).eq("id", project).throwOnError();
});
afterAll(async () => {
  await stack?.close();
  await llm?.close();
});

/** Runs `agent` and returns the finished job with the prompt the model got. */
async function run(agent: string, context: Record<string, unknown> = {}) {
  const before = llm.requests.length;
  const response = await callFunction(stack, alice, "POST", "/run-agent", { project_id: project, agent_type: agent, input_context: { user_idea: "Where should I store the walks?", ...context } });
  expect(response.status).toBe(202);
  const { job_id: id } = (await response.json()) as { job_id: string };
  for (;;) {
    const { data: job } = await service.from("agent_jobs").select("status, result, error").eq("id", id).single().throwOnError();
    if (!["queued", "running"].includes(job!.status)) {
      expect(job).toMatchObject({ status: "completed", error: null });
      const prompts = llm.requests.slice(before).map(promptOf);
      expect(prompts).toHaveLength(1);
      return { job: job!, prompt: prompts[0]! };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the level in a configured model's prompt", () => {
  it("gives the roadmap agent the profile's level, and stores the model's roadmap with it", async () => {
    await alice.client.from("profiles").update({ skill_level: "advanced" }).eq("id", alice.userId).throwOnError();
    const { prompt } = await run("roadmap");
    expect(prompt).toContain("Skill level: advanced");
    const { data: roadmap } = await alice.client.from("learning_roadmaps").select("title, skill_level, total_estimated_hours, modules").eq("project_id", project).single().throwOnError();
    expect(roadmap).toMatchObject({ title: "Roadmap for advanced", skill_level: "advanced", total_estimated_hours: 5 });
    expect(roadmap!.modules.map((m: { is_locked: boolean }) => m.is_locked)).toEqual([false, true]);
  });

  it("gives the roadmap and pedagogy agents the request's level over the profile's", async () => {
    expect(levelIn((await run("roadmap", { skill_level: "intermediate" })).prompt)).toBe("intermediate");
    const mentor = await run("pedagogy", { skill_level: "beginner" });
    expect(levelIn(mentor.prompt)).toBe("beginner");
    expect(mentor.job.result.recommendation).toBe("local-storage: fits a beginner.");
  });
});
