/** @module The job endpoints (run, respond, review, pause, resume, cancel, list) and the job tables the timeline reads. */
import type { AgentType, JobActionResponse, JobListResponse, JobStatusResponse, RespondRequest, RespondResponse, ReviewGates, ReviewRequest, RunPipelineResponse, SkillLevel } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";
import { JOB_EVENT_COLUMNS, JOB_ROW_COLUMNS, type JobEventRow, type JobRow } from "../timeline/index.ts";

/** Starts the whole pipeline (research → wireframe → code → qa), stopping for review where `reviewGates` says. */
export const runPipeline = (projectId: string, idea: string, reviewGates?: ReviewGates): Promise<Result<RunPipelineResponse>> =>
  callFunction("run-pipeline", { method: "POST", body: { project_id: projectId, input_context: { user_idea: idea }, ...(reviewGates ? { review_gates: reviewGates } : {}) } });

/**
 * Starts one agent, from what the project already has; the mentor (pedagogy) continues the session `sessionId`,
 * and the roadmap and pedagogy agents pitch their answer at `skillLevel` (else the profile's).
 */
export const runAgent = (projectId: string, agent: AgentType, idea: string, options: { sessionId?: string; skillLevel?: SkillLevel } = {}): Promise<Result<RunPipelineResponse>> =>
  callFunction("run-agent", {
    method: "POST",
    body: {
      project_id: projectId,
      agent_type: agent,
      input_context: { user_idea: idea, ...(options.sessionId ? { session_id: options.sessionId } : {}), ...(options.skillLevel ? { skill_level: options.skillLevel } : {}) },
    },
  });

export const respondToJob = (jobId: string, body: RespondRequest): Promise<Result<RespondResponse>> =>
  callFunction(`jobs/${jobId}/respond`, { method: "POST", body });

/** The owner's decision at a review gate: approve, or request changes with a comment. */
export const reviewJob = (jobId: string, body: ReviewRequest): Promise<Result<JobActionResponse>> => callFunction(`jobs/${jobId}/review`, { method: "POST", body });

export const pauseJob = (jobId: string): Promise<Result<JobActionResponse>> => callFunction(`jobs/${jobId}/pause`, { method: "POST" });

export const resumeJob = (jobId: string): Promise<Result<JobActionResponse>> => callFunction(`jobs/${jobId}/resume`, { method: "POST" });

/** "Try to fix again": a build whose fix loop stopped with problems left gets more attempts. */
export const fixJobAgain = (jobId: string, attempts = 3): Promise<Result<JobActionResponse>> => callFunction(`jobs/${jobId}/fix-again`, { method: "POST", body: { attempts } });

export const cancelJob = (jobId: string): Promise<Result<{ status: "cancelled" }>> => callFunction(`jobs/${jobId}/cancel`, { method: "POST" });

/** A page of the project's jobs from the list endpoint, newest first. */
export async function fetchJobHistory(projectId: string, limit: number, offset: number): Promise<JobListResponse> {
  const { data, error } = await callFunction<JobListResponse>(`jobs/${projectId}/list?limit=${limit}&offset=${offset}`);
  if (error) throw error;
  return data;
}

/** What a job's model calls used (`agent_jobs.usage`); all zero when the offline engine ran. */
export interface JobUsage {
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** The provider and model the job ran with, once it started (`agent_jobs.llm_provider`, `llm_model`). */
  model?: string;
}

/** The usage and model of the given jobs, by id (the list endpoint answers the seed's shape, which has neither). */
export async function fetchJobUsage(jobIds: string[]): Promise<Record<string, JobUsage>> {
  if (!jobIds.length) return {};
  const { data, error } = await supabase().from("agent_jobs").select("id, usage, llm_provider, llm_model").in("id", jobIds);
  if (error) throw toAppError(error, "The runs' costs could not be loaded.");
  type Row = { id: string; usage: JobUsage; llm_provider: string | null; llm_model: string | null };
  return Object.fromEntries((data as Row[]).map((row) => [row.id, { ...row.usage, ...(row.llm_provider ? { model: `${row.llm_provider} · ${row.llm_model}` } : {}) }]));
}

/** The project's latest jobs (Studio orders aside: they have their own page), newest first, as the timeline holds them. */
export async function fetchRecentJobs(projectId: string, limit = 10): Promise<JobRow[]> {
  const { data, error } = await supabase()
    .from("agent_jobs")
    .select(JOB_ROW_COLUMNS)
    .eq("project_id", projectId)
    .neq("agent_type", "studio")
    .order("created_at", { ascending: false })
    .limit(limit);
  if (error) throw toAppError(error, "The project's jobs could not be loaded.");
  return data as JobRow[];
}

/** One job row (e.g. an older job opened from the history). */
export async function fetchJob(jobId: string): Promise<JobRow | null> {
  const { data, error } = await supabase().from("agent_jobs").select(JOB_ROW_COLUMNS).eq("id", jobId).maybeSingle();
  if (error) throw toAppError(error, "The job could not be loaded.");
  return data as JobRow | null;
}

/** The job's events after `afterSeq`, in order: the replay on (re)connect. */
export async function fetchJobEvents(jobId: string, afterSeq: number): Promise<JobEventRow[]> {
  const { data, error } = await supabase()
    .from("job_events")
    .select(JOB_EVENT_COLUMNS)
    .eq("job_id", jobId)
    .gt("seq", afterSeq)
    .order("seq")
    .limit(1000);
  if (error) throw toAppError(error, "The job's activity could not be loaded.");
  return data as JobEventRow[];
}

export interface StageSource {
  stage: string;
  source: "offline" | "llm" | null;
  model: string | null;
}

/** Where each stage's output of the given jobs came from (the offline engine or a model). */
export async function fetchStageSources(jobIds: string[]): Promise<StageSource[]> {
  if (!jobIds.length) return [];
  const { data, error } = await supabase()
    .from("job_artifacts")
    .select("stage, job_id, created_at, source:content->>source, model:content->>model")
    .in("job_id", jobIds)
    .order("created_at", { ascending: false });
  if (error) throw toAppError(error);
  return data as StageSource[];
}

export interface FinishedJob {
  id: string;
  agent_type: string;
  result: unknown;
  completed_at: string | null;
}

/** The project's latest completed jobs, newest first (their results and artifacts are the outputs shown). */
export async function fetchFinishedJobs(projectId: string, limit = 10): Promise<FinishedJob[]> {
  const { data, error } = await supabase()
    .from("agent_jobs")
    .select("id, agent_type, result, completed_at")
    .eq("project_id", projectId)
    .neq("agent_type", "studio")
    .eq("status", "completed")
    .order("completed_at", { ascending: false })
    .limit(limit);
  if (error) throw toAppError(error, "The project's results could not be loaded.");
  return data as FinishedJob[];
}

/**
 * Polls `GET /jobs/{id}` until the job ends (or waits for input), for short
 * jobs a view awaits inline (the mentor's answer); the timeline follows jobs over Realtime instead.
 */
export async function waitForJob(jobId: string, timeoutMs = 60_000): Promise<Result<JobStatusResponse>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await callFunction<JobStatusResponse>(`jobs/${jobId}`);
    if (answer.error || !["queued", "running"].includes(answer.data.status) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}
