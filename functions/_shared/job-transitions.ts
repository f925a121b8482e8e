/** @module The job transitions the functions make (create, cancel, respond): each one SQL function that writes the row and its job_events row together. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dbError } from "../../shared/errors.ts";

export interface NewJob {
  projectId: string;
  userId: string;
  agentType: string;
  params: Record<string, unknown>;
  budget?: Record<string, unknown> | null;
}

/** An owner's answer to one of the job's questions, with the question's text when known. */
export interface JobAnswer {
  question_id: string;
  answer: string;
  question?: string;
}

async function call<T>(service: SupabaseClient, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await service.rpc(name, args);
  if (error) throw dbError(error, `${name}`);
  return data as T;
}

/** Queues a job (create_agent_job); the caller has checked that the user owns the project. Returns its id. */
export function createJob(service: SupabaseClient, job: NewJob): Promise<string> {
  return call<string>(service, "create_agent_job", {
    p_project_id: job.projectId, p_user_id: job.userId, p_agent_type: job.agentType, p_params: job.params, p_budget: job.budget ?? null,
  });
}

/** Cancels an unfinished job; null when it had already ended. */
export function cancelJob(service: SupabaseClient, jobId: string): Promise<"cancelled" | null> {
  return call(service, "cancel_agent_job", { p_job_id: jobId });
}

/** Records the answers of a job waiting for input: queued again, or cancelled by a "stop"; null when it was not waiting. */
export function respondToJob(service: SupabaseClient, jobId: string, answers: JobAnswer[]): Promise<"queued" | "cancelled" | null> {
  return call(service, "respond_agent_job", { p_job_id: jobId, p_answers: answers });
}

/** "Try to fix again": a completed pipeline job whose fix loop stopped unfixed is queued for `more` attempts; null when it is in no such state. */
export function retryFixLoop(service: SupabaseClient, jobId: string, more: number): Promise<"queued" | null> {
  return call(service, "retry_fix_loop", { p_job_id: jobId, p_more: more });
}
