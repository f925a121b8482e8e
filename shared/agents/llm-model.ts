/** @module The LLM implementation of `AgentModel`: prompts, structured output with repair, streamed tokens, usage and cost. */
import { generateStructured, type LlmProvider } from "../llm/index.ts";
import { promptFor } from "./prompts.ts";
import { taskSchemas } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, AgentTask, AgentTasks } from "./types.ts";

/** Options of `createLlmAgentModel`. */
export interface LlmAgentModelOptions {
  /** Output token limit per call (default: the provider's). */
  maxTokens?: number;
  temperature?: number;
  /** Repair attempts after an invalid answer (default 2). */
  maxRepairs?: number;
}

/**
 * An `AgentModel` that asks `provider` for each task's schema with the task's
 * prompts, validates (repairing up to `maxRepairs` times) and reports usage and cost.
 * @example const model = createLlmAgentModel(selectProvider(env, { offline }));
 */
export function createLlmAgentModel(provider: LlmProvider, options: LlmAgentModelOptions = {}): AgentModel {
  return {
    name: `${provider.name}:${provider.model}`,
    source: "llm",
    async run<T extends AgentTask>(task: T, input: AgentTasks[T]["input"], context: AgentContext = {}): Promise<AgentAnswer<AgentTasks[T]["output"]>> {
      const { system, user } = promptFor(task, input);
      const result = await generateStructured(provider, {
        schema: taskSchemas[task],
        schemaName: task,
        system,
        messages: [{ role: "user", content: user }],
        ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
        ...(options.maxRepairs === undefined ? {} : { maxRepairs: options.maxRepairs }),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(context.onToken ? { onToken: context.onToken, onRepair: () => context.onToken?.("\n") } : {}),
      });
      return {
        output: result.data as AgentTasks[T]["output"],
        usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens, costUsd: result.costUsd },
        source: "llm",
        model: result.model,
      };
    },
  };
}
