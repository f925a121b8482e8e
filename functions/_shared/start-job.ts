/** @module Queues a job for a project the caller owns and starts it in the background (docs/api.md). */
import type { SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import { RequirementsDoc, WireframeSpec } from "../../shared/protocol/index.ts";
import type { RunJobResponse } from "../../shared/protocol/index.ts";
import { serviceClient, type Caller, type FunctionContext, type FunctionEnv } from "./context.ts";
import { json } from "./http.ts";
import { createJob } from "./job-transitions.ts";
import { requireOwnProject } from "./jobs-api.ts";
import { kickWorker } from "./worker-chain.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export interface StartJob {
  projectId: string;
  agentType: string;
  params: Record<string, unknown>;
  /** Single agents start from what the project already has: its specs and files go into `params`. */
  withProjectOutputs?: boolean;
  /** Params the project's settings add (e.g. its review gates); `params` wins over them. */
  fromSettings?: (settings: Record<string, unknown>) => Record<string, unknown>;
}

/** A stored spec as its schema reads it, or a 400 naming the field that is wrong (the agent could not use it). */
function storedSpec<T>(schema: z.ZodType<T>, value: unknown, column: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [column, ...issue.path].join(".");
  throw new AppError("invalid_project_spec", `The project's stored ${column} is not valid at ${field}: ${issue.message}. Run the earlier agent again to regenerate it.`, parsed.error.issues);
}

/** The project's existing requirements, site map and files, as the agent plans read them from `params`. */
export async function projectOutputs(db: SupabaseClient, projectId: string): Promise<Record<string, unknown>> {
  const { data, error } = await db
    .from("projects")
    .select("requirements_spec, architecture_spec, project_files(path, content, language)")
    .eq("id", projectId)
    .single();
  if (error) throw dbError(error, `reading project ${projectId}`);
  const files = (data.project_files as { path: string; content: string | null; language: string | null }[])
    .map((file) => ({ path: file.path, content: file.content ?? "", language: file.language ?? "typescript" }));
  return {
    ...(data.requirements_spec ? { requirements_spec: storedSpec(RequirementsDoc, data.requirements_spec, "requirements_spec") } : {}),
    ...(data.architecture_spec ? { architecture_spec: storedSpec(WireframeSpec, data.architecture_spec, "architecture_spec") } : {}),
    ...(files.length ? { files } : {}),
  };
}

/** A rough duration for the answer's `estimated_time`: the offline engine takes seconds, a real model minutes. */
function estimate(env: FunctionEnv, agentType: string): string {
  const offline = (env.CODEFORGE_LLM_PROVIDER ?? "offline") === "offline";
  if (agentType === "pipeline") return offline ? "10s" : "5m";
  return offline ? "2s" : "30s";
}

const Budget = z.strictObject({ max_tokens: z.number().int().positive().optional(), max_cost_usd: z.number().positive().optional() });

/** The budget a project's settings give its jobs; none when absent or malformed (settings are the owner's to edit). */
function budgetOf(settings: Record<string, unknown>): z.infer<typeof Budget> | null {
  const parsed = Budget.safeParse(settings.budget);
  return parsed.success && Object.keys(parsed.data).length ? parsed.data : null;
}

/**
 * Checks through RLS (the caller's client, bound to their JWT) that the caller owns
 * the project — 404 otherwise, so other users' projects stay invisible — then
 * queues the job (create_agent_job, with the service role) and answers at once (202).
 */
export async function startJob(caller: Caller, { env, waitUntil }: FunctionContext, job: StartJob): Promise<Response> {
  const { settings } = await requireOwnProject(caller.db, job.projectId);
  const base = { ...job.fromSettings?.(settings), ...job.params };
  const params = job.withProjectOutputs ? { ...(await projectOutputs(caller.db, job.projectId)), ...base } : base;
  const jobId = await createJob(serviceClient(env), {
    projectId: job.projectId, userId: caller.userId, agentType: job.agentType, params, budget: budgetOf(settings),
  });
  waitUntil(kickWorker(env, jobId));
  const body: RunJobResponse = { job_id: jobId, status: "queued", estimated_time: estimate(env, job.agentType) };
  return json(body, 202);
}
