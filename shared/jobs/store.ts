/** @module The job engine's database access, through supabase-js with the service role and the engine's SQL functions. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dataOf } from "../errors.ts";
import type { AwaitedSandboxRun, JobRow, StageEffects, Usage } from "./types.ts";

export interface JobEvent {
  kind: "log" | "event";
  level?: string;
  type?: string;
  message?: string;
  data?: Record<string, unknown>;
}

export class JobStore {
  constructor(private readonly db: SupabaseClient) {}

  /** Takes the job if it is queued (or its lease expired); null when another worker has it. */
  async claim(jobId: string, worker: string, leaseSeconds: number): Promise<JobRow | null> {
    const rows = dataOf("claim", await this.db.rpc("claim_agent_job", { p_job_id: jobId, p_worker: worker, p_lease_seconds: leaseSeconds }));
    return (rows as JobRow[])[0] ?? null;
  }

  async extendLease(jobId: string, worker: string, leaseSeconds: number): Promise<boolean> {
    return dataOf("extend lease", await this.db.rpc("extend_agent_job_lease", { p_job_id: jobId, p_worker: worker, p_lease_seconds: leaseSeconds })) as boolean;
  }

  async status(jobId: string): Promise<string | null> {
    const row = dataOf("status", await this.db.from("agent_jobs").select("status").eq("id", jobId).maybeSingle());
    return (row as { status: string } | null)?.status ?? null;
  }

  /** Marks the stage as running and records stage_started; false when the worker no longer holds the job. */
  async startStage(jobId: string, worker: string, stage: string): Promise<boolean> {
    return dataOf("start stage", await this.db.rpc("start_agent_job_stage", { p_job_id: jobId, p_worker: worker, p_stage: stage })) as boolean;
  }

  async appendEvent(jobId: string, event: JobEvent): Promise<void> {
    dataOf("append event", await this.db.from("job_events").insert({ job_id: jobId, data: {}, ...event }));
  }

  /** Outputs of the job's finished stages, by stage name. */
  async outputs(jobId: string): Promise<Record<string, unknown>> {
    const rows = dataOf("outputs", await this.db.from("job_artifacts").select("stage, content").eq("job_id", jobId));
    return Object.fromEntries((rows as { stage: string; content: unknown }[]).map((row) => [row.stage, row.content]));
  }

  async completeStage(
    jobId: string,
    worker: string,
    stage: string,
    output: unknown,
    progress: number,
    effects: StageEffects = {},
    usage: Usage | null = null,
    durationMs: number | null = null,
  ): Promise<boolean> {
    return dataOf("complete stage", await this.db.rpc("complete_agent_job_stage", {
      p_job_id: jobId, p_worker: worker, p_stage: stage, p_output: output, p_progress: progress, p_effects: effects, p_usage: usage,
      p_duration_ms: durationMs === null ? null : Math.round(durationMs),
    })) as boolean;
  }

  /** Asks for (or looks at) attempt `attempt` of the job's sandbox run for `stage`; null when the worker no longer holds the job. */
  async awaitSandbox(jobId: string, worker: string, stage: string, attempt: number, waitSeconds: number): Promise<AwaitedSandboxRun | null> {
    const rows = dataOf("await sandbox run", await this.db.rpc("await_sandbox_run", {
      p_job_id: jobId, p_worker: worker, p_stage: stage, p_attempt: attempt, p_wait_seconds: waitSeconds,
    }));
    return (rows as AwaitedSandboxRun[])[0] ?? null;
  }

  /** Ends or pauses the run; `usage` is what the step's model calls cost when it did not complete its stage. */
  async finish(jobId: string, worker: string, status: "completed" | "failed" | "waiting_for_input", result?: unknown, error?: string, usage?: Usage): Promise<boolean> {
    return dataOf("finish", await this.db.rpc("finish_agent_job", {
      p_job_id: jobId, p_worker: worker, p_status: status, p_result: result ?? null, p_error: error ?? null, p_usage: usage ?? null,
    })) as boolean;
  }
}
