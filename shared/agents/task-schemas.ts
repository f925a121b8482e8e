/** @module The zod schema every agent task's output must satisfy. */
import type { z } from "zod";
import { agentOutputSchemas, DocsResult, ExplainResult } from "../protocol/index.ts";
import { ClarificationRequest, type AgentTask, type AgentTasks } from "./types.ts";

/** Output schema of each task: the agents' schemas (shared/protocol) plus the research agent's clarification step. */
export const taskSchemas: { [T in AgentTask]: z.ZodType<AgentTasks[T]["output"], unknown> } = {
  clarify: ClarificationRequest,
  ...agentOutputSchemas,
  docs: DocsResult,
  explain: ExplainResult,
};

/**
 * Validates `value` as task `task`'s output; throws an error naming the task and the first issues.
 * @example validateTaskOutput("research", doc) // RequirementsDoc, or throws
 */
export function validateTaskOutput<T extends AgentTask>(task: T, value: unknown): AgentTasks[T]["output"] {
  const parsed = taskSchemas[task].safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new Error(`${task} output is invalid: ${issues.join("; ")}`);
}
