/** @module The worker's wiring: the plans of a job, bound to the database and the job's provider and model. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { createAgentPlans, createAiPlans } from "../../shared/pipeline/index.ts";
import { pipelineDeps } from "../../shared/pipeline/supabase-deps.ts";
import { refactorPlan, type VersionedFile } from "../../shared/refactor/index.ts";
import type { JobModel } from "../../shared/llm-settings/job-model.ts";
import { studioPlan, STUDIO_AGENT_TYPE } from "../../shared/studio/plan.ts";
import { SupabaseStudioStore } from "../../shared/studio/store.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { dbError } from "../../shared/errors.ts";

/** The project's files with their versions, for the refactor plan. */
async function readFiles(service: SupabaseClient, projectId: string): Promise<VersionedFile[]> {
  const { data, error } = await service.from("project_files").select("path, content, version").eq("project_id", projectId);
  if (error) throw dbError(error, `reading the project's files`);
  return (data ?? []).map((f) => ({ path: f.path, content: f.content ?? "", version: f.version }));
}

/** The plans of one job, on the job's provider and model (see shared/llm-settings/job-model.ts). */
export function plansFor(env: FunctionEnv, service: SupabaseClient, job: JobModel) {
  const deps = pipelineDeps(env, service, job.model);
  return {
    ...createAgentPlans(deps),
    ...createAiPlans(deps),
    refactor: refactorPlan({ readFiles: (projectId) => readFiles(service, projectId), provider: () => job.provider, sandbox: deps.sandbox, sandboxWaitSeconds: deps.sandboxWaitSeconds }),
    [STUDIO_AGENT_TYPE]: studioPlan(new SupabaseStudioStore(service), env),
  };
}
