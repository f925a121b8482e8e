/** @module The shapes of the job engine: a job row, a stage, and what a stage may do. */
import type { AgentUsage } from "../agents/types.ts";
import type { ClarificationQuestion, LearningRoadmap } from "../protocol/index.ts";

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** An agent's usage as the job records it. */
export const jobUsageOf = (usage: AgentUsage): Usage => ({ input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, cost_usd: usage.costUsd });

/** A row of public.agent_jobs as the engine reads it. */
export interface JobRow {
  id: string;
  project_id: string;
  user_id: string;
  agent_type: string;
  status: string;
  params: Record<string, unknown>;
  stage: string | null;
  completed_stages: string[];
  attempts: number;
  max_attempts: number;
  progress: number;
  usage: Usage;
  budget: { max_tokens?: number; max_cost_usd?: number } | null;
  result: unknown;
}

/** What a finished stage writes, atomically with its completion (see complete_agent_job_stage). */
export interface StageEffects {
  project?: { requirements_spec?: unknown; architecture_spec?: unknown; status?: string; tech_stack?: string[] };
  files?: { path: string; content: string; language: string }[];
  /** Paths of the project's files to delete (a fix pass removing a page); recorded in the same manifest as `files`. */
  removed_files?: string[];
  /** A new `learning_roadmaps` row: the modules with the roadmap's title, description, level and hours. */
  roadmap?: LearningRoadmap;
  /** Stop for the owner's review after this stage (the job becomes `awaiting_review`). */
  review?: "design" | "feature";
  /** The manifest's `source` when `files` are written (default: the stage's name). */
  manifest_source?: string;
}

export type StageOutcome =
  /** The stage finished: its output (kept as the stage's artifact) and what it writes. */
  | { kind: "completed"; output: unknown; effects?: StageEffects; usage?: Usage }
  /** The stage needs the user: the job waits with these questions until `respond`. */
  | { kind: "ask"; questions: ClarificationQuestion[] }
  /** The stage waits for outside work (a sandbox run) that records its artifact and requeues the job; no worker is held. */
  | { kind: "waiting" };

/** A sandbox run as a fix-loop stage sees it (see await_sandbox_run). */
export interface AwaitedSandboxRun {
  /** waiting: queued, the job parked on it; timeout: no runner finished it in time (now `error`); finished: its result is in. */
  outcome: "waiting" | "timeout" | "finished";
  run_id: string;
  status: "queued" | "running" | "passed" | "failed" | "limit" | "error";
  results: Record<string, unknown> | null;
  screenshot_paths: string[];
}

export interface StageContext {
  job: JobRow;
  /** Outputs of the stages finished before, by stage name. */
  outputs: Record<string, unknown>;
  /** Aborted when the job is cancelled or the worker loses its lease. */
  signal: AbortSignal;
  log(level: "debug" | "info" | "warn" | "error" | "tool", message: string, data?: Record<string, unknown>): Promise<void>;
  event(type: string, data?: Record<string, unknown>): Promise<void>;
  /** Text of the stage as it is written (sent to the browser as a throttled broadcast). */
  stream(delta: string): void;
  /** Attempt `attempt` of the job's sandbox run for this stage (a worker gives this; plain stage runners may not). */
  awaitSandbox?(attempt: number, waitSeconds: number): Promise<AwaitedSandboxRun>;
}

export interface StageDefinition {
  name: string;
  /** Job progress (0-100) once this stage is done. */
  progress: number;
  run(context: StageContext): Promise<StageOutcome>;
}

/** How a kind of job runs: its stages in order, and its result from their outputs. */
export interface JobPlan {
  /** The stages in order; `outputs` (the finished stages' artifacts) lets a plan grow, as the fix loop does. */
  stages(job: JobRow, outputs: Record<string, unknown>): StageDefinition[];
  result(outputs: Record<string, unknown>, job: JobRow): unknown;
}
