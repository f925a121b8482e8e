/** @module The job endpoints (status, stream, respond, list, cancel; docs/api.md), the owner's review, pause and resume, and fix-again after an unfixed build. */
import {
  JobIdParams, JobListQuery, JobStreamQuery, ProjectIdParams, RespondRequest,
  type CancelResponse, type ClarificationQuestion, type RespondResponse,
} from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { cancelJob, respondToJob } from "../_shared/job-transitions.ts";
import { JOB_COLUMNS, readOwnJob, requireOwnProject, toJobStatus, type JobApiRow } from "../_shared/jobs-api.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { fixAgain, pause, resume, review } from "./owner-actions.ts";
import { streamJob } from "./stream.ts";
import { AppError, dbError } from "../../shared/errors.ts";

/** Routes a request under /jobs to its endpoint. */
export async function routeJobs(request: Request, context: FunctionContext): Promise<Response> {
  const path = new URL(request.url).pathname;
  const { method } = request;
  let params: Record<string, string> | null;
  if (method === "GET" && (params = matchRoute("/jobs/:project_id/list", path))) return listJobs(request, params, context);
  if (method === "GET" && (params = matchRoute("/jobs/:job_id/stream", path))) {
    const { job_id } = parse(JobIdParams, params, "job id");
    const { after } = parse(JobStreamQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { db } = await callerOf(context.env, request);
    return streamJob(db, job_id, request.headers.get("last-event-id"), { afterSeq: after });
  }
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/respond", path))) return respond(request, params, context);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/cancel", path))) return cancel(request, params, context);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/review", path))) return review(request, params, context);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/pause", path))) return pause(request, params, context);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/resume", path))) return resume(request, params, context);
  if (method === "POST" && (params = matchRoute("/jobs/:job_id/fix-again", path))) return fixAgain(request, params, context);
  if (method === "GET" && (params = matchRoute("/jobs/:job_id", path))) {
    const { job_id } = parse(JobIdParams, params, "job id");
    const { db } = await callerOf(context.env, request);
    return json(toJobStatus(await readOwnJob(db, job_id)));
  }
  throw new AppError("not_found", `No endpoint ${method} ${path}.`);
}

async function listJobs(request: Request, params: Record<string, string>, { env }: FunctionContext): Promise<Response> {
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

async function respond(request: Request, params: Record<string, string>, { env, waitUntil }: FunctionContext): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { responses } = parse(RespondRequest, await readJson(request));
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  if (job.status !== "waiting_for_input") {
    throw new AppError("wrong_state", `The job is ${job.status}, not waiting for input.`);
  }
  const questions = ((job.result as { questions?: ClarificationQuestion[] } | null)?.questions ?? []);
  checkAnswers(questions, responses);
  const questionText = new Map(questions.map((q) => [q.id, q.question]));
  const answers = responses.map((r) => ({ ...r, question: questionText.get(r.question_id) }));
  const status = await respondToJob(serviceClient(env), job_id, answers);
  if (!status) throw new AppError("wrong_state", "The job is no longer waiting for input.");
  if (status === "cancelled") return json({ status, message: "Stopped: the job is cancelled." } satisfies RespondResponse);
  waitUntil(kickWorker(env, job_id));
  return json({ status, message: "Agent resumed with clarifications" } satisfies RespondResponse);
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

async function cancel(request: Request, params: Record<string, string>, { env }: FunctionContext): Promise<Response> {
  const { job_id } = parse(JobIdParams, params, "job id");
  const { db } = await callerOf(env, request);
  const job = await readOwnJob(db, job_id);
  if (!(await cancelJob(serviceClient(env), job_id))) throw new AppError("wrong_state", `The job is already ${job.status}.`);
  return json({ status: "cancelled" } satisfies CancelResponse);
}
