/** @module The owner's actions on a job (docs/architecture.md#review-gates-history-and-refactoring): review decisions at a gate, pause and resume, fixing again; each one SQL call with its event. */
import { FixAgainRequest, JobIdParams, ReviewRequest, type JobActionResponse } from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, parse, readJson } from "../_shared/http.ts";
import { retryFixLoop } from "../_shared/job-transitions.ts";
import { readOwnJob } from "../_shared/jobs-api.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { AppError, dbError } from "../../shared/errors.ts";

/** The caller's job (404 otherwise) and a service client for the engine's functions. */
async function ownJob(request: Request, params: Record<string, string>, context: FunctionContext) {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { db } = await callerOf(context.env, request);
  const job = await readOwnJob(db, job_id);
  return { job, service: serviceClient(context.env) };
}

async function rpc<T>(service: ReturnType<typeof serviceClient>, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await service.rpc(name, args);
  if (error) throw dbError(error, `${name}`);
  return data as T;
}

/** POST /jobs/{job_id}/review: approve, or request changes with a comment; the job is queued again either way. */
export async function review(request: Request, params: Record<string, string>, context: FunctionContext): Promise<Response> {
  const body = parse(ReviewRequest, await readJson(request));
  const { job, service } = await ownJob(request, params, context);
  const status = await rpc<string | null>(service, "review_agent_job", {
    p_job_id: job.id, p_approve: body.action === "approve", p_comment: body.comment ?? null,
  });
  if (!status) throw new AppError("wrong_state", `The job is ${job.status}, not awaiting review.`);
  context.waitUntil(kickWorker(context.env, job.id));
  const answer: JobActionResponse = {
    status: "queued",
    message: body.action === "approve" ? "Approved: the job continues with the next stage." : "Changes requested: the stage runs again with your comment.",
  };
  return json(answer);
}

/** POST /jobs/{job_id}/pause: the stage in flight finishes, no new stage starts. */
export async function pause(request: Request, params: Record<string, string>, context: FunctionContext): Promise<Response> {
  const { job, service } = await ownJob(request, params, context);
  if (!(await rpc<boolean>(service, "pause_agent_job", { p_job_id: job.id }))) {
    throw new AppError("wrong_state", `The job is ${job.status}; only a queued or running job can be paused.`);
  }
  const answer: JobActionResponse = { status: "paused", message: "Paused: the current stage finishes, then the job waits for resume." };
  return json(answer);
}

/** POST /jobs/{job_id}/resume: a paused job continues where it stopped. */
export async function resume(request: Request, params: Record<string, string>, context: FunctionContext): Promise<Response> {
  const { job, service } = await ownJob(request, params, context);
  const status = await rpc<"queued" | "running" | null>(service, "resume_agent_job", { p_job_id: job.id });
  if (!status) throw new AppError("wrong_state", `The job is ${job.status}, not paused.`);
  if (status === "queued") context.waitUntil(kickWorker(context.env, job.id));
  const answer: JobActionResponse = { status, message: "Resumed." };
  return json(answer);
}

/** POST /jobs/{job_id}/fix-again: a build whose fix loop stopped with problems left gets more attempts. */
export async function fixAgain(request: Request, params: Record<string, string>, context: FunctionContext): Promise<Response> {
  const body = parse(FixAgainRequest, await readJson(request));
  const { job, service } = await ownJob(request, params, context);
  if (!(await retryFixLoop(service, job.id, body.attempts))) {
    throw new AppError("wrong_state", job.status === "completed"
      ? "Only a build whose fix loop stopped with problems left can be fixed again."
      : `The job is ${job.status}; only a completed build can be fixed again.`);
  }
  context.waitUntil(kickWorker(context.env, job.id));
  const answer: JobActionResponse = { status: "queued", message: `Fixing again: up to ${body.attempts} more attempt(s).` };
  return json(answer);
}
