/** @module Contracts of `POST /v1/run-agent` and `POST /v1/run-pipeline` (docs/api.md). */
import { z } from "zod";
import { AgentType, JobStatusType, SkillLevel } from "./enums.ts";
import { UserIdea, Uuid } from "./common.ts";

/** What the agents start from: the user's idea, and in Student mode the mentor session the pedagogy agent continues. */
export const InputContext = z.strictObject({
  user_idea: UserIdea,
  /** A `daily_sessions` id of the project: the pedagogy agent reads its transcript as the conversation so far. */
  session_id: Uuid.optional(),
});
export type InputContext = z.infer<typeof InputContext>;

/** A single agent's input: the roadmap and pedagogy agents also take the student's level (else the profile's). */
export const AgentInputContext = InputContext.extend({
  skill_level: SkillLevel.optional(),
});
export type AgentInputContext = z.infer<typeof AgentInputContext>;

/** Body of `POST /v1/run-agent`. */
export const RunAgentRequest = z.strictObject({
  project_id: Uuid,
  agent_type: AgentType,
  input_context: AgentInputContext,
});
export type RunAgentRequest = z.infer<typeof RunAgentRequest>;

/** A rough duration such as `30s`, `5m`, `1h`. */
export const EstimatedTime = z.string().regex(/^\d{1,4}[smh]$/, "expected a duration like 30s, 5m or 1h");

/** Immediate answer of both run endpoints: the job is queued and runs in the background. */
export const RunJobResponse = z.strictObject({
  job_id: Uuid,
  status: JobStatusType,
  estimated_time: EstimatedTime,
});

/** Answer of `POST /v1/run-agent`. */
export type RunJobResponse = z.infer<typeof RunJobResponse>;
export const RunAgentResponse = RunJobResponse;
export type RunAgentResponse = z.infer<typeof RunAgentResponse>;

/**
 * Where a pipeline stops for the owner's review (docs/architecture.md#review-gates-history-and-refactoring): `design` after the
 * wireframe, `feature` after the code. Per project in `projects.settings.review_gates`,
 * per run in the run-pipeline body (the run's value wins).
 */
export const ReviewGates = z.strictObject({
  design: z.boolean().optional(),
  feature: z.boolean().optional(),
});
export type ReviewGates = z.infer<typeof ReviewGates>;

/** Body of `POST /v1/run-pipeline` (research → wireframe → code → qa), with optional review gates. */
export const RunPipelineRequest = z.strictObject({
  project_id: Uuid,
  input_context: InputContext,
  review_gates: ReviewGates.optional(),
});
export type RunPipelineRequest = z.infer<typeof RunPipelineRequest>;

/** Answer of `POST /v1/run-pipeline`. */
export const RunPipelineResponse = RunJobResponse;
export type RunPipelineResponse = z.infer<typeof RunPipelineResponse>;
