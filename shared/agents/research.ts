/** @module The research agent: an idea (and the answers to its questions) → a RequirementsDoc, or clarification questions first. */
import type { ClarificationQuestion, RequirementsDoc } from "../protocol/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import { addUsage, type AgentAnswer, type AgentContext, type AgentModel, type AgentUsage, type ResearchInput } from "./types.ts";

/** Options of `runResearchAgent`. */
export interface ResearchOptions {
  /** Ask clarification questions when the idea is vague and no answers were given (default true). */
  allowClarification?: boolean;
}

/** The research agent's outcome: requirements, or questions the user must answer first. */
export type ResearchOutcome =
  | ({ kind: "requirements" } & AgentAnswer<RequirementsDoc>)
  | { kind: "questions"; questions: ClarificationQuestion[]; reason: string; usage: AgentUsage; source: AgentAnswer<unknown>["source"]; model: string };

/**
 * Writes the requirements of `input.user_idea`. Without answers (and with
 * `allowClarification`), it first asks the model whether the idea is too vague,
 * and returns its questions instead of requirements when it is (docs/architecture.md#building-an-app-agents-and-jobs).
 * With answers, it never asks again and the answers go into the requirements.
 * @example const outcome = await runResearchAgent({ user_idea: "A CRM for dog walkers" }, {}, model);
 */
export async function runResearchAgent(input: ResearchInput, context: AgentContext, model: AgentModel, options: ResearchOptions = {}): Promise<ResearchOutcome> {
  let spent: AgentUsage | undefined;
  if (options.allowClarification !== false && !input.answers?.length) {
    const clarify = await model.run("clarify", input, { ...(context.signal ? { signal: context.signal } : {}) });
    const request = validateTaskOutput("clarify", clarify.output);
    if (request.needs_clarification && request.questions.length > 0) {
      return { kind: "questions", questions: request.questions, reason: request.reason, usage: clarify.usage, source: clarify.source, model: clarify.model };
    }
    spent = clarify.usage;
  }
  const answer = await model.run("research", input, context);
  return {
    kind: "requirements",
    ...answer,
    output: validateTaskOutput("research", answer.output),
    usage: spent ? addUsage(spent, answer.usage) : answer.usage,
  };
}
