/** @module Refactor jobs (refactor_jobs, docs/architecture.md#review-gates-history-and-refactoring): start one (a proposal is computed by the worker), and apply its proposal atomically. */
import { JobIdParams, RefactorRequest } from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { readOwnJob } from "../_shared/jobs-api.ts";
import { startJob } from "../_shared/start-job.ts";
import { AppError, dbError } from "../../shared/errors.ts";

/** Routes POST /refactor and POST /refactor/{job_id}/apply. */
export async function routeRefactor(request: Request, context: FunctionContext): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  let params: Record<string, string> | null;
  if ((params = matchRoute("/refactor/:job_id/apply", path))) return apply(request, params, context.env);
  if (matchRoute("/refactor", path)) {
    const { project_id, ...rest } = parse(RefactorRequest, await readJson(request));
    return startJob(await callerOf(context.env, request), context, { projectId: project_id, agentType: "refactor", params: rest });
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${path}.`);
}

/** Writes every file of the proposal or none: 409 with the conflicting files when one changed since the proposal. */
async function apply(request: Request, params: Record<string, string>, env: FunctionEnv): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  if (job.agent_type !== "refactor") throw new AppError("not_found", "No such refactor job.");
  const { data, error } = await serviceClient(env).rpc("apply_refactor_proposal", { p_job_id: job_id });
  if (error?.code === "CF409") {
    let conflicts: unknown = undefined;
    try {
      conflicts = error.details ? JSON.parse(error.details) : undefined;
    } catch {
      // a message without structured details
    }
    throw new AppError("conflict", error.message, conflicts);
  }
  if (error) throw dbError(error, `apply_refactor_proposal`);
  return json({ applied_changes: data });
}
