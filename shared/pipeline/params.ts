/** @module What a job's `params` may hold for the agent plans, read leniently and validated where it matters. */
import { z } from "zod";
import type { AnsweredQuestion } from "../agents/types.ts";
import { ClarificationQuestion, RequirementsDoc, ReviewGates, SkillLevel, WireframeSpec } from "../protocol/index.ts";

/**
 * `agent_jobs.params` as the plans read it: the request's `input_context`,
 * the clarification `answers` stored by `respond`, run options, and for
 * single-agent runs the project's existing outputs (`requirements_spec`,
 * `architecture_spec`, `files`) so the agent need not recompute them.
 */
/** Most mentor messages a pedagogy job carries: the recent ones are the ones that matter. */
export const MAX_HISTORY = 20;

export const JobParams = z.looseObject({
  input_context: z.looseObject({
    user_idea: z.string().trim().min(1).max(5000).optional(),
    /** Text files attached to the chat message that asked for the build, already cut (shared/chat/attachment-text.ts). */
    attachments: z.array(z.looseObject({ name: z.string(), text: z.string(), original_length: z.number() })).max(5).optional(),
  }).optional(),
  /** Stored by `respond`, each with the text of the question it answers. */
  answers: z.array(z.looseObject({ question_id: z.string(), answer: z.string(), question: z.string().optional() })).max(20).optional(),
  /** `false` skips the research agent's clarification questions. */
  clarify: z.boolean().optional(),
  skill_level: SkillLevel.optional(),
  /** The pedagogy agent's decision to explain. */
  topic: z.string().trim().min(1).max(500).optional(),
  /** The mentor session so far (oldest first), which the pedagogy agent continues. */
  history: z.array(z.looseObject({ role: z.enum(["user", "mentor"]), content: z.string() })).max(MAX_HISTORY).optional(),
  hours_per_week: z.number().positive().max(100).optional(),
  requirements_spec: RequirementsDoc.optional(),
  architecture_spec: WireframeSpec.optional(),
  /** A follow-up change for the code agent to apply to `files` (a chat message such as "make the header blue"). */
  instruction: z.string().trim().min(1).max(5000).optional(),
  files: z.array(z.looseObject({ path: z.string().min(1), content: z.string(), language: z.string().default("typescript") })).optional(),
  /** Run the fix loop (sandbox attempts, fix passes) after QA; by default where a sandbox runner exists. */
  sandbox: z.boolean().optional(),
  /** Sandbox attempts this job may make; set by "Try to fix again" (retry_fix_loop), else the project's setting. */
  max_fix_attempts: z.number().int().min(1).max(50).optional(),
  /** Stop for the owner's review after the wireframe (design) and after the code (feature). */
  review_gates: ReviewGates.optional(),
  /** Changes the owner requested in review, appended by `review_agent_job`; the reviewed stage reruns with them. */
  review_comments: z.array(z.looseObject({ stage: z.string(), comment: z.string(), revision: z.number().optional() })).optional(),
});
export type JobParams = z.infer<typeof JobParams>;

/** The comments the owner made in review of `stage`, oldest first. */
export const reviewCommentsFor = (params: JobParams, stage: string): string[] =>
  (params.review_comments ?? []).filter((c) => c.stage === stage).map((c) => c.comment);

/** Reads `params`; throws an error naming the first bad field. */
export function readParams(params: unknown): JobParams {
  const parsed = JobParams.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`job params are invalid at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

/** The answers with the text of the questions they answer (from the job's stored questions, when there). */
export function answersWithQuestions(params: JobParams, result: unknown): AnsweredQuestion[] | undefined {
  if (!params.answers?.length) return undefined;
  const stored = z.object({ questions: z.array(ClarificationQuestion) }).safeParse(result);
  const questions = stored.success ? stored.data.questions : [];
  return params.answers.map((answer) => {
    const question = answer.question ?? questions.find((q) => q.id === answer.question_id)?.question;
    return { question_id: answer.question_id, answer: answer.answer, ...(question ? { question } : {}) };
  });
}
