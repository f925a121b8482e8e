/** @module The job endpoints of seed 003 §5.3–5.7 (status, stream, respond, list, cancel) and seed 001's review, pause and resume. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { JobIdParams, JobListQuery, JobStreamQuery, ProjectIdParams, RespondRequest, type ClarificationQuestion } from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionEnv } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { JOB_COLUMNS, readOwnJob, requireOwnProject, toJobStatus, type JobApiRow } from "../_shared/jobs-api.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { pause, resume, review } from "./owner-actions.ts";
import { streamJob } from "./stream.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export interface JobsDeps {
  env: FunctionEnv;
  /** Keeps work going after the response (EdgeRuntime.waitUntil). */
  waitUntil(promise: Promise<unknown>): void;
}

/** Routes a request under /jobs to its endpoint. */
export async function routeJobs(request: Request, deps: JobsDeps): Promise<Response> {
  const path = new URL(request.url).pathname;
  const { method } = request;
  let params: Record<string, string> | null;
  if (method === "GET" && (params = matchRoute("/jobs/:project_id/list", path))) return listJobs(request, params, deps);
  if (method === "GET" && (params = matchRoute("/jobs/:job_id/stream", path))) {
    const { job_id } = parse(JobIdParams, params, "job id");
    const { after } = parse(JobStreamQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { db } = await callerOf(deps.env, request);
    return streamJob(db, job_id, request.headers.get("last-event-id"), { afterSeq: after });
  }
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/respond", path))) return respond(request, params, deps);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/cancel", path))) return cancel(request, params, deps);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/review", path))) return review(request, params, deps);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/pause", path))) return pause(request, params, deps);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/resume", path))) return resume(request, params, deps);
  if (method === "GET" && (params = matchRoute("/jobs/:job_id", path))) {
    const { job_id } = parse(JobIdParams, params, "job id");
    const { db } = await callerOf(deps.env, request);
    return json(toJobStatus(await readOwnJob(db, job_id)));
  }
  throw new AppError("not_found", `No endpoint ${method} ${path}.`);
}

async function listJobs(request: Request, params: Record<string, string>, { env }: JobsDeps): Promise<Response> {
  const { project_id } = parse(ProjectIdParams, params, "project id");
  const { limit, offset } = parse(JobListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { db } = await callerOf(env, request);
  await requireOwnProject(db, project_id);
  const { data, count, error } = await db
    .from("agent_jobs")
    .select(JOB_COLUMNS, { count: "exact" })
    .eq("project_id", project_id)
    .order("created_at", { ascending: false })
    .order("id")
    .range(offset, offset + limit - 1);
  if (error) throw dbError(error, `listing jobs`);
  const total = count ?? 0;
  return json({ items: (data as JobApiRow[]).map(toJobStatus), total, has_more: offset + (data?.length ?? 0) < total });
}

async function respond(request: Request, params: Record<string, string>, { env, waitUntil }: JobsDeps): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { responses } = parse(RespondRequest, await readJson(request));
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  if (job.status !== "waiting_for_input") {
    throw new AppError("wrong_state", `The job is ${job.status}, not waiting for input.`);
  }
  const questions = ((job.result as { questions?: ClarificationQuestion[] } | null)?.questions ?? []);
  checkAnswers(questions, responses);
  const service = serviceClient(env);
  const questionText = new Map(questions.map((q) => [q.id, q.question]));
  const answers = responses.map((r) => ({ ...r, question: questionText.get(r.question_id) }));
  const requeued = await requeueWithAnswers(service, job_id, answers);
  if (!requeued) throw new AppError("wrong_state", "The job is no longer waiting for input.");
  waitUntil(kickWorker(env, job_id));
  return json({ status: "running", message: "Agent resumed with clarifications" });
}

/** Every question answered once, no unknown ids, and a choice among the options where the agent gave some. */
function checkAnswers(questions: ClarificationQuestion[], responses: { question_id: string; answer: string }[]): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: string[] = [];
  for (const { question_id, answer } of responses) {
    const question = byId.get(question_id);
    if (!question) problems.push(`"${question_id}" is not one of the job's questions (${[...byId.keys()].join(", ")}).`);
    else if (question.options?.length && !question.options.includes(answer)) {
      problems.push(`The answer to "${question_id}" must be one of: ${question.options.join(", ")}.`);
    }
  }
  const answered = new Set(responses.map((r) => r.question_id));
  for (const id of byId.keys()) if (!answered.has(id)) problems.push(`Question "${id}" has no answer.`);
  if (problems.length) throw new AppError("invalid_answers", problems.join(" "), problems);
}

type Answer = { question_id: string; answer: string; question?: string };

/** Adds the answers to `params.answers` (a later answer to the same question replaces the earlier) and requeues. */
async function requeueWithAnswers(service: SupabaseClient, jobId: string, answers: Answer[]): Promise<boolean> {
  const { data: current } = await service.from("agent_jobs").select("params, budget, result").eq("id", jobId).single();
  const earlier = ((current?.params?.answers ?? []) as Answer[]).filter((a) => !answers.some((b) => b.question_id === a.question_id));
  const params = { ...(current?.params ?? {}), answers: [...earlier, ...answers] };
  // Answering "continue" to a budget pause lifts the budget for the rest of the run;
  // "stop" to a budget or repeated-failure pause ends the job instead.
  const continues = answers.some((a) => a.question_id === "budget" && a.answer === "continue");
  const stops = answers.some((a) => ["budget", "retry"].includes(a.question_id) && a.answer === "stop");
  const budget = current?.result?.reason === "budget" && continues ? null : current?.budget;
  const { data, error } = await service
    .from("agent_jobs")
    .update(stops ? { status: "cancelled", params } : { status: "queued", params, budget, result: null })
    .eq("id", jobId)
    .eq("status", "waiting_for_input")
    .select("id");
  if (error) throw dbError(error, `requeueing job ${jobId}`);
  if (data.length) {
    await service.from("job_events").insert({ job_id: jobId, kind: "event", type: "clarification_answered", data: { answers: answers.map((a) => a.question_id) } });
  }
  return data.length > 0;
}

async function cancel(request: Request, params: Record<string, string>, { env }: JobsDeps): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  const service = serviceClient(env);
  const { data, error } = await service
    .from("agent_jobs")
    .update({ status: "cancelled", leased_by: null, lease_expires_at: null, stage: null, review_kind: null })
    .eq("id", job_id)
    .in("status", ["queued", "running", "waiting_for_input", "paused", "awaiting_review"])
    .select("id");
  if (error) throw dbError(error, `cancelling job ${job_id}`);
  if (!data.length) throw new AppError("wrong_state", `The job is already ${job.status}.`);
  await service.from("job_events").insert({ job_id, kind: "event", type: "job_cancelled", data: {} });
  return json({ status: "cancelled" });
}
