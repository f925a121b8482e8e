import { afterEach, describe, expect, it } from "vitest";
import { openAiStream, startFakeServer, type FakeServer } from "../../tests/shared/fake-llm-server.ts";
import { createLlmAgentModel } from "../agents/llm-model.ts";
import type { JobPlan, JobRow, StageContext, StageEffects, Usage } from "../jobs/types.ts";
import { createOpenAiProvider } from "../llm/index.ts";
import { ChoiceFramework, LearningRoadmap, QAResult, RequirementsDoc, WireframeSpec, type ClarificationQuestion } from "../protocol/index.ts";
import { createInMemoryDeps } from "./offline-deps.ts";
import { createAgentPlans, progressSteps, stageChain } from "./plans.ts";
import type { StageArtifact } from "./stages.ts";

const SLOW = 60_000;

function job(agent_type: string, params: Record<string, unknown>, result: unknown = null): JobRow {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    project_id: "00000000-0000-4000-8000-000000000002",
    user_id: "00000000-0000-4000-8000-000000000003",
    agent_type,
    status: "running",
    params,
    stage: null,
    completed_stages: [],
    attempts: 0,
    max_attempts: 3,
    progress: 0,
    usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
    budget: null,
    result,
  };
}

interface Run {
  status: "completed" | "waiting";
  stages: string[];
  outputs: Record<string, unknown>;
  effects: Record<string, StageEffects | undefined>;
  progress: number[];
  usage: (Usage | undefined)[];
  events: { type: string; data?: Record<string, unknown> }[];
  logs: string[];
  text: string;
  questions?: ClarificationQuestion[];
  result?: unknown;
}

/** Runs a plan's stages in order with hand-built contexts, as the worker would (outputs round-trip through JSON like job_artifacts). */
async function runPlan(plan: JobPlan, row: JobRow, signal = new AbortController().signal): Promise<Run> {
  const run: Run = { status: "completed", stages: [], outputs: {}, effects: {}, progress: [], usage: [], events: [], logs: [], text: "" };
  for (const stage of plan.stages(row, {})) {
    const context: StageContext = {
      job: row,
      outputs: run.outputs,
      signal,
      log: async (level, message) => void run.logs.push(`${level}: ${message}`),
      event: async (type, data) => void run.events.push({ type, ...(data ? { data } : {}) }),
      stream: (delta) => void (run.text += delta),
    };
    const outcome = await stage.run(context);
    if (outcome.kind === "ask") return { ...run, status: "waiting", questions: outcome.questions };
    if (outcome.kind === "waiting") throw new Error(`${stage.name} waits for outside work`);
    run.stages.push(stage.name);
    run.outputs[stage.name] = JSON.parse(JSON.stringify(outcome.output));
    run.effects[stage.name] = outcome.effects;
    run.progress.push(stage.progress);
    run.usage.push(outcome.usage);
  }
  return { ...run, result: plan.result(run.outputs, row) };
}

const idea = (user_idea: string, extra: Record<string, unknown> = {}) => ({ input_context: { user_idea }, ...extra });
const artifact = <T>(run: Run, stage: string) => run.outputs[stage] as StageArtifact<T>;

describe("the pipeline on the offline engine", () => {
  it("turns the dog walkers' idea into requirements, site map, files and a passed QA, writing each stage's effects", async () => {
    const deps = createInMemoryDeps();
    const run = await runPlan(createAgentPlans(deps).pipeline, job("pipeline", idea("A CRM for dog walkers")));
    expect(run.status).toBe("completed");
    expect(run.stages).toEqual(["research", "wireframe", "code", "qa"]);
    expect(run.progress).toEqual([20, 40, 80, 100]);

    const requirements = RequirementsDoc.parse(run.effects.research?.project?.requirements_spec);
    expect(requirements.app_name).toBe("Dog Walker CRM");
    expect(run.effects.research?.project).toMatchObject({ status: "in-progress", tech_stack: requirements.recommended_stack });
    expect(artifact(run, "research")).toMatchObject({ agent: "research", source: "offline", model: "codeforge-offline-1" });

    const wireframe = WireframeSpec.parse(run.effects.wireframe?.project?.architecture_spec);
    expect(wireframe.site_map.map((p) => p.path)).toEqual(expect.arrayContaining(["/clients", "/walks", "/invoices"]));
    expect(artifact(run, "wireframe")).toMatchObject({ project_type: "crm", patterns: expect.arrayContaining([expect.objectContaining({ name: "Service business CRM with scheduling" })]) });
    expect(run.logs.join("\n")).toMatch(/Considered \d+ patterns for client, dog, walk, invoice; took \d: Service business CRM with scheduling/);
    const taken = run.events.filter((e) => e.type === "pattern_taken").map((e) => e.data!);
    expect(taken[0]).toMatchObject({ name: "Service business CRM with scheduling", shared: ["client", "invoice"], reason: expect.stringContaining("shares client, invoice") });
    expect(run.events.filter((e) => e.type === "pattern_rejected").length).toBeGreaterThan(0);
    for (const e of run.events.filter((e) => e.type === "pattern_rejected")) expect(e.data!.reason).toEqual(expect.any(String));

    const files = run.effects.code?.files ?? [];
    expect(files.length).toBeGreaterThan(20);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["package.json", "src/App.tsx", "src/pages/WalksPage.tsx"]));
    expect(run.effects.code?.project?.status).toBe("building");
    expect(run.events.filter((e) => e.type === "file_created")).toHaveLength(files.length);

    const qa = QAResult.parse(artifact<QAResult>(run, "qa").output);
    expect(qa.issues.filter((i) => i.severity === "critical")).toEqual([]);
    expect(qa.passed).toBe(true);
    expect(qa.summary).toContain("offline engine");
    expect(run.effects.qa?.project?.status).toBe("completed");
    expect(run.result).toMatchObject({ app_name: "Dog Walker CRM", passed: true, source: "offline", pattern_stored: true, files: files.map((f) => f.path) });
    expect(run.text).toContain('"app_name": "Dog Walker CRM"');
    expect(run.text).toContain("createRoot");
    expect(run.usage.every((u) => u?.cost_usd === 0)).toBe(true);
  }, SLOW);

  it("stores a passed app's architecture as a pattern that later searches find", async () => {
    const deps = createInMemoryDeps();
    await runPlan(createAgentPlans(deps).pipeline, job("pipeline", idea("A CRM for dog walkers")));
    expect(deps.stored).toHaveLength(1);
    const [stored] = deps.stored;
    expect(stored).toMatchObject({ project_type: "crm", metadata: { name: "Dog Walker CRM", source: "generated", job_id: "00000000-0000-4000-8000-000000000001" } });
    expect(stored!.embedding).toHaveLength(1536);
    expect(stored!.success_score).toBeGreaterThanOrEqual(0.5);
    expect(stored!.success_score).toBeLessThanOrEqual(1);
    expect(stored!.metadata.pages.map((p) => p.path)).toContain("/dogs");
    const [query] = await deps.embed(["dog walking business: clients, dogs, walks, invoices"]);
    const found = await deps.retrievePatterns(query!, "crm", 3);
    expect(found.map((p) => p.metadata.name)).toContain("Dog Walker CRM");
  }, SLOW);

  it("keeps an earlier app's pattern out of an unrelated idea, and does not store a near-duplicate", async () => {
    const deps = createInMemoryDeps();
    const plans = createAgentPlans(deps);
    await runPlan(plans.pipeline, job("pipeline", idea("Bakery inventory: ingredients, suppliers, recipes and orders")));
    expect(deps.stored.map((p) => p.metadata.name)).toEqual(["Bakery Inventory"]);
    const fleet = await runPlan(plans.pipeline, job("pipeline", idea("a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts")));
    const paths = WireframeSpec.parse(fleet.effects.wireframe?.project?.architecture_spec).site_map.map((p) => p.path);
    expect(paths).toEqual(["/", "/vans", "/drivers", "/services", "/fuel-receipts"]);
    const bakery = fleet.events.find((e) => e.type === "pattern_rejected" && e.data!.name === "Bakery Inventory");
    expect(bakery?.data).toMatchObject({ taken: false, reason: expect.stringMatching(/similarity .* is under|shares none/) });
    expect(fleet.events.some((e) => e.type === "pattern_taken")).toBe(false);

    const again = await runPlan(plans.pipeline, job("pipeline", idea("Bakery inventory: ingredients, suppliers, recipes and orders")));
    expect(again.result).toMatchObject({ passed: true, pattern_stored: false });
    expect(again.events.find((e) => e.type === "pattern_not_stored")?.data).toMatchObject({ reason: expect.stringContaining('near-duplicate of "Bakery Inventory"') });
    expect(deps.stored.map((p) => p.metadata.name)).toEqual(["Bakery Inventory", "Delivery Fleet Maintenance Log"]);
  }, SLOW * 3);

  it("asks questions for a vague idea, then uses the answers", async () => {
    const plans = createAgentPlans(createInMemoryDeps());
    const first = await runPlan(plans.pipeline, job("pipeline", idea("todo")));
    expect(first.status).toBe("waiting");
    expect(first.questions!.map((q) => q.id)).toEqual(["audience", "core_task", "platform"]);
    expect(first.stages).toEqual([]);
    const answers = [{ question_id: "audience", answer: "Volunteer coordinators" }, { question_id: "core_task", answer: "Assign shifts to volunteers" }];
    const resumed = await runPlan(plans.research, job("research", idea("todo", { answers }), { questions: first.questions }));
    expect(resumed.status).toBe("completed");
    const doc = RequirementsDoc.parse(resumed.result);
    expect(doc.target_audience[0]!.role).toBe("Volunteer coordinators");
    expect(doc.core_features[0]!.name).toBe("Core: Assign shifts to volunteers");
  });

  it("fails QA with a critical issue naming file and line when a file is broken", async () => {
    const deps = createInMemoryDeps();
    const plans = createAgentPlans(deps);
    const built = await runPlan(plans.code, job("code", idea("A CRM for dog walkers")));
    expect(built.stages).toEqual(["research", "wireframe", "code"]);
    const files = (built.effects.code?.files ?? []).map((f) =>
      f.path === "src/pages/WalksPage.tsx" ? { ...f, content: f.content.replace("return (", "return (\n    <section className=\"broken\">\n    {walks.items.map((row) => <p>{row.date}</p>}") } : f,
    );
    const line = files.find((f) => f.path === "src/pages/WalksPage.tsx")!.content.split("\n").findIndex((l) => l.includes("walks.items.map((row) => <p>")) + 1;
    const run = await runPlan(plans.qa, job("qa", { files }));
    expect(run.stages).toEqual(["qa"]);
    const qa = QAResult.parse(run.result);
    expect(qa.passed).toBe(false);
    const critical = qa.issues.filter((i) => i.severity === "critical");
    const at = /^src\/pages\/WalksPage\.tsx:(\d+):\d+ \[parse\]/.exec(critical[0]!.description);
    expect(at, critical[0]!.description).not.toBeNull();
    // The parser points at the unclosed <section> or the unclosed call just below it.
    expect(Number(at![1])).toBeGreaterThanOrEqual(line - 1);
    expect(Number(at![1])).toBeLessThanOrEqual(line + 1);
    expect(run.effects.qa).toBeUndefined();
    expect(deps.stored).toEqual([]);
  }, SLOW);
});

describe("single-agent plans", () => {
  it("run the stages an agent needs unless params carry their outputs", () => {
    expect(stageChain("wireframe", {})).toEqual(["research", "wireframe"]);
    expect(stageChain("qa", {})).toEqual(["research", "wireframe", "code", "qa"]);
    expect(stageChain("code", { architecture_spec: { site_map: [], global_state_needs: [], theme_colors: [] } })).toEqual(["research", "code"]);
    expect(stageChain("pedagogy", {})).toEqual(["pedagogy"]);
    expect(progressSteps(["research", "roadmap"])).toEqual([50, 100]);
  });

  it("roadmap writes a learning_roadmaps row for the requirements given", async () => {
    const plans = createAgentPlans(createInMemoryDeps());
    const research = await runPlan(plans.research, job("research", idea("A CRM for dog walkers")));
    const run = await runPlan(plans.roadmap, job("roadmap", { requirements_spec: research.result, skill_level: "intermediate" }));
    expect(run.stages).toEqual(["roadmap"]);
    const roadmap = LearningRoadmap.parse(run.result);
    expect(roadmap.skill_level).toBe("intermediate");
    expect(run.effects.roadmap?.roadmap).toEqual(roadmap);
  });

  it("pedagogy answers the topic with a choice framework", async () => {
    const run = await runPlan(createAgentPlans(createInMemoryDeps()).pedagogy, job("pedagogy", { topic: "How do users log in?", skill_level: "advanced" }));
    expect(ChoiceFramework.parse(run.result).recommendation).toMatch(/^rls-roles/);
  });

  it("stops when the job is cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("job cancelled"));
    await expect(runPlan(createAgentPlans(createInMemoryDeps()).research, job("research", idea("A CRM for dog walkers")), controller.signal)).rejects.toThrow("job cancelled");
  });

  it("rejects params without an idea with a clear error", async () => {
    await expect(runPlan(createAgentPlans(createInMemoryDeps()).research, job("research", {}))).rejects.toThrow("params.input_context.user_idea is required");
  });
});

describe("plans over an LLM", () => {
  let server: FakeServer | undefined;
  afterEach(async () => server?.close());

  it("records the model's usage and cost on the stage", async () => {
    const doc = { app_name: "WalkCRM", elevator_pitch: "Clients, walks and invoices for dog walkers.", target_audience: [], core_features: [], recommended_stack: ["React"], technical_constraints: null };
    server = await startFakeServer(() => ({ sse: openAiStream([JSON.stringify(doc)], { usage: [2000, 500] }) }));
    const model = createLlmAgentModel(createOpenAiProvider({ apiKey: "test", baseUrl: server.url }));
    const run = await runPlan(createAgentPlans(createInMemoryDeps({ model })).research, job("research", idea("A CRM for dog walkers", { clarify: false })));
    expect(run.result).toEqual(doc);
    expect(run.usage[0]).toEqual({ input_tokens: 2000, output_tokens: 500, cost_usd: (2000 * 0.4 + 500 * 1.6) / 1e6 });
    expect(artifact(run, "research")).toMatchObject({ source: "llm", model: "gpt-4.1-mini-2025-04-14" });
    expect(run.text).toBe(JSON.stringify(doc));
  });
});

