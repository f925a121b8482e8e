/** @module Drives the pipeline plan the way the worker and the sandbox runner would, for tests of the fix loop (no database). */
import type { AgentModel } from "../../shared/agents/index.ts";
import type { JobRow, StageContext } from "../../shared/jobs/types.ts";
import type { RequirementsDoc, WireframeSpec } from "../../shared/protocol/index.ts";
import type { Failure, SandboxArtifact } from "../../shared/pipeline/fix-failures.ts";
import { createInMemoryDeps } from "../../shared/pipeline/offline-deps.ts";
import { createAgentPlans } from "../../shared/pipeline/plans.ts";
import type { StageArtifact } from "../../shared/pipeline/stages.ts";

export const IDEA = "a booking system for a small yoga studio: classes, instructors, members and bookings";

export const row = (params: Record<string, unknown>): JobRow => ({
  id: "00000000-0000-4000-8000-000000000001", project_id: "00000000-0000-4000-8000-000000000002", user_id: "00000000-0000-4000-8000-000000000003",
  agent_type: "pipeline", status: "running", params: { input_context: { user_idea: IDEA }, clarify: false, ...params }, stage: null, completed_stages: [],
  attempts: 0, max_attempts: 3, progress: 0, usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 }, budget: null, result: null,
});

/** What runs an attempt: the project's files now → the artifact finish_sandbox_run would store. */
export type Check = (files: Map<string, string>, app: { wireframe: WireframeSpec; requirements: RequirementsDoc }, attempt: number) => Promise<SandboxArtifact> | SandboxArtifact;

export interface Driven {
  stages: string[];
  result: { passed: boolean; sandbox?: { attempts: number; fixes: number; stopped?: string; failures: Failure[]; summary: string } };
  outputs: Record<string, unknown>;
  events: string[];
  manifests: string[];
  files: Map<string, string>;
}

/** Runs the pipeline as the worker and the runner would: stages recomputed from the outputs, a parked sandbox stage finished by `check`. */
export async function drive(model: AgentModel, check: Check, params: Record<string, unknown> = { sandbox: true }, options: { maxFixAttempts?: number; timeout?: boolean } = {}): Promise<Driven> {
  // QA without its type check: the sandbox attempt type-checks the app anyway, and it is most of QA's time.
  const deps = createInMemoryDeps({ model, qa: { typeCheck: false }, ...(options.maxFixAttempts ? { maxFixAttempts: async () => options.maxFixAttempts } : {}) });
  const plan = createAgentPlans(deps).pipeline;
  const job = row(params);
  const run: Driven = { stages: [], result: { passed: false }, outputs: {}, events: [], manifests: [], files: new Map() };
  for (;;) {
    const next = plan.stages(job, run.outputs).find((stage) => !run.stages.includes(stage.name));
    if (!next) return { ...run, result: plan.result(run.outputs, job) as Driven["result"] };
    const context: StageContext = {
      job, outputs: run.outputs, signal: new AbortController().signal,
      log: async () => {}, event: async (type) => void run.events.push(type), stream: () => {},
      awaitSandbox: async (attempt) => options.timeout
        ? { outcome: "timeout", run_id: `run-${attempt}`, status: "error", results: { reason: "no sandbox runner finished the run within 300 s" }, screenshot_paths: [] }
        : { outcome: "waiting", run_id: `run-${attempt}`, status: "queued", results: null, screenshot_paths: [] },
    };
    const outcome = await next.run(context);
    if (outcome.kind === "ask") throw new Error("no questions expected");
    const app = { wireframe: (run.outputs.wireframe as StageArtifact<WireframeSpec>)?.output, requirements: (run.outputs.research as StageArtifact<RequirementsDoc>)?.output };
    const output = outcome.kind === "waiting" ? await check(run.files, app, Number(next.name.split("_").at(-1))) : outcome.output;
    run.outputs[next.name] = JSON.parse(JSON.stringify(output));
    run.stages.push(next.name);
    if (outcome.kind !== "completed") continue;
    for (const file of outcome.effects?.files ?? []) run.files.set(file.path, file.content);
    for (const path of outcome.effects?.removed_files ?? []) run.files.delete(path);
    if (outcome.effects?.manifest_source) run.manifests.push(outcome.effects.manifest_source);
  }
}

