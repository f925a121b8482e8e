/** @module What a model's calls have cost so far, failed calls included: the usage a step owes when it ends without completing its stage. */
import { isLlmError } from "../llm/errors.ts";
import { addUsage, zeroUsage, type AgentModel, type AgentUsage } from "./types.ts";

/** A model and what its calls have cost since it was wrapped. */
export interface MeteredModel {
  model: AgentModel;
  spent(): AgentUsage;
}

/**
 * Wraps `model` so that every answer's usage, and the usage a failed call
 * reports (invalid answers through every repair, a refusal), is added up.
 * @example const { model, spent } = meterModel(base); await stage.run(model); spent().costUsd
 */
export function meterModel(model: AgentModel): MeteredModel {
  let used = zeroUsage();
  return {
    model: {
      name: model.name,
      source: model.source,
      async run(task, input, context) {
        try {
          const answer = await model.run(task, input, context);
          used = addUsage(used, answer.usage);
          return answer;
        } catch (error) {
          if (isLlmError(error) && error.details.usage) {
            used = addUsage(used, { ...error.details.usage, costUsd: error.details.costUsd ?? 0 });
          }
          throw error;
        }
      },
    },
    spent: () => used,
  };
}
