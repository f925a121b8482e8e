/** @module The enums of the agents and jobs (AgentType, JobStatusType, PriorityLevel, QAIssueSeverity), plus the skill levels and job kinds they imply. */
import { z } from "zod";

/** The agents (`AgentType`). */
export const AgentType = z.enum(["research", "wireframe", "code", "qa", "pedagogy", "roadmap"]);
export type AgentType = z.infer<typeof AgentType>;

/** A job's lifecycle state (`JobStatusType`, with `paused` and `awaiting_review` for review gates; the `agent_jobs.status` check constraint). */
export const JobStatusType = z.enum(["queued", "running", "completed", "failed", "waiting_for_input", "cancelled", "paused", "awaiting_review"]);
export type JobStatusType = z.infer<typeof JobStatusType>;

/** The states after which a job never changes again. */
export const TERMINAL_JOB_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly JobStatusType[];

/** MoSCoW priority of a feature (Pydantic `PriorityLevel`). */
export const PriorityLevel = z.enum(["must-have", "should-have", "nice-to-have"]);
export type PriorityLevel = z.infer<typeof PriorityLevel>;

/** Severity of a QA finding (Pydantic `QAIssueSeverity`). */
export const QAIssueSeverity = z.enum(["critical", "warning", "info"]);
export type QAIssueSeverity = z.infer<typeof QAIssueSeverity>;

/** A student's skill level (`profiles.skill_level`, the pedagogy and roadmap agents). */
export const SkillLevel = z.enum(["beginner", "intermediate", "advanced"]);
export type SkillLevel = z.infer<typeof SkillLevel>;

/**
 * What an `agent_jobs.agent_type` may hold: a single agent, or one
 * of the engine's composite kinds from DESIGN.md (`pipeline`; `docs`,
 * `explain`, `refactor` after the build; `studio`, a Studio order).
 * Extend this list when a new job kind lands.
 */
export const JobKind = z.enum([...AgentType.options, "pipeline", "docs", "explain", "refactor", "studio"]);
export type JobKind = z.infer<typeof JobKind>;
