/** @module Queues a job for a project the caller owns and starts it in the background (seed 003 §5.1–5.2). */
import type { RunJobResponse } from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionEnv } from "./context.ts";
import { json } from "./http.ts";
import { requireOwnProject } from "./jobs-api.ts";
import { kickWorker } from "./worker-chain.ts";

export interface StartJob {
  projectId: string;
  agentType: string;
  params: Record<string, unknown>;
}

/** A rough duration for the answer's `estimated_time`: the offline engine takes seconds, a real model minutes. */
function estimate(env: FunctionEnv, agentType: string): string {
  const offline = (env.CODEFORGE_LLM_PROVIDER ?? "offline") === "offline";
  if (agentType === "pipeline") return offline ? "10s" : "5m";
  return offline ? "2s" : "30s";
}

/**
 * Checks through RLS (a client bound to the caller's JWT) that the caller owns
 * the project — 404 otherwise, so other users' projects stay invisible — then
 * inserts the queued job with the service role and answers at once (202).
 */
export async function startJob(
  request: Request,
  env: FunctionEnv,
  waitUntil: (promise: Promise<unknown>) => void,
  job: StartJob,
): Promise<Response> {
  const caller = await callerOf(env, request);
  await requireOwnProject(caller.db, job.projectId);
  const { data, error } = await serviceClient(env)
    .from("agent_jobs")
    .insert({ project_id: job.projectId, user_id: caller.userId, agent_type: job.agentType, params: job.params })
    .select("id, status")
    .single();
  if (error) throw new Error(`queueing the job: ${error.message}`);
  waitUntil(kickWorker(env, data.id));
  const body: RunJobResponse = { job_id: data.id, status: data.status, estimated_time: estimate(env, job.agentType) };
  return json(body, 202);
}
