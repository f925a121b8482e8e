/** @module Job rows as the API answers them (docs/api.md), and the reads every job endpoint shares. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { JobStatusResponse } from "../../shared/protocol/index.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export const JOB_COLUMNS = "id, status, agent_type, project_id, progress, result, error, created_at, completed_at";

export interface JobApiRow {
  id: string;
  status: JobStatusResponse["status"];
  agent_type: JobStatusResponse["agent_type"];
  project_id: string;
  progress: number;
  result: JobStatusResponse["result"];
  error: string | null;
  created_at: string;
  completed_at: string | null;
}

export function toJobStatus(row: JobApiRow): JobStatusResponse {
  const { id, ...rest } = row;
  return { job_id: id, ...rest };
}

/** The caller's job (RLS hides everyone else's: then 404, never 403, so existence does not leak). */
export async function readOwnJob(db: SupabaseClient, jobId: string): Promise<JobApiRow> {
  const { data, error } = await db.from("agent_jobs").select(JOB_COLUMNS).eq("id", jobId).maybeSingle();
  if (error) throw dbError(error, `reading job ${jobId}`);
  if (!data) throw new AppError("not_found", "No such job.");
  return data as JobApiRow;
}

/** The project's settings; 404 unless the caller can see the project. */
export async function requireOwnProject(db: SupabaseClient, projectId: string): Promise<{ settings: Record<string, unknown> }> {
  const { data, error } = await db.from("projects").select("settings").eq("id", projectId).maybeSingle();
  if (error) throw dbError(error, `reading project ${projectId}`);
  if (!data) throw new AppError("not_found", "No such project.");
  return { settings: (data.settings ?? {}) as Record<string, unknown> };
}
