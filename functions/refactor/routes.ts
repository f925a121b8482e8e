/** @module Refactor jobs (docs/architecture.md#review-gates-history-and-refactoring): start one (the worker computes and checks a proposal), and apply the accepted files of it atomically. */
import { ApplyRefactorRequest, JobIdParams, RefactorProposal, RefactorRequest } from "../../shared/protocol/index.ts";
import { userModelEnv } from "../../shared/llm-settings/job-model.ts";
import { LlmSettingsStore } from "../../shared/llm-settings/store.ts";
import { textProviderFromEnv } from "../../shared/pipeline/index.ts";
import { callerOf, serviceClient, type Caller, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { readOwnJob, requireOwnProject } from "../_shared/jobs-api.ts";
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
    const caller = await callerOf(context.env, request);
    if (rest.kind === "instruction" && !(await instructionModel(context.env, caller, project_id))) {
      throw new AppError("provider_not_configured", "Refactoring by instruction needs a model, and none is configured. Rename a symbol, move a file or extract a component instead: those need none.");
    }
    return startJob(caller, context, { projectId: project_id, agentType: "refactor", params: rest });
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${path}.`);
}

/** The model a refactor by instruction of the caller's project would run on (their choice, key and cap); null for the offline engine. */
async function instructionModel(env: FunctionEnv, caller: Caller, projectId: string) {
  await requireOwnProject(caller.db, projectId);
  return textProviderFromEnv(await userModelEnv(new LlmSettingsStore(serviceClient(env)), env, caller.userId, projectId));
}

/**
 * Writes the accepted files of the proposal (all, or `paths`) or none: 422 when
 * the proposal failed its check, 409 with the conflicting files when one changed
 * since the proposal.
 */
async function apply(request: Request, params: Record<string, string>, env: FunctionEnv): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const body = (await request.clone().text()).trim() ? parse(ApplyRefactorRequest, await readJson(request)) : {};
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  if (job.agent_type !== "refactor") throw new AppError("not_found", "No such refactor job.");
  const proposal = RefactorProposal.safeParse((job.result as { proposal?: unknown } | null)?.proposal);
  if (proposal.success && proposal.data.check && !proposal.data.check.passed) {
    throw new AppError("build_failed", "The proposal fails the project's checks, so it cannot be applied.", proposal.data.check.findings);
  }
  const { data, error } = await serviceClient(env).rpc("apply_refactor_proposal", { p_job_id: job_id, p_paths: body.paths ?? null });
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
