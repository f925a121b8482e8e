/** @module The offline engine as an `AgentModel`: deterministic, schema-valid answers with no key and no network. */
import { validateTaskOutput } from "../agents/task-schemas.ts";
import { zeroUsage, type AgentAnswer, type AgentContext, type AgentModel, type AgentTask, type AgentTasks } from "../agents/types.ts";
import { offlineCodeFile } from "./code/index.ts";
import { offlinePedagogy } from "./pedagogy.ts";
import { offlineQaReview } from "./qa-review.ts";
import { offlineClarify, offlineResearch } from "./research.ts";
import { offlineRoadmap } from "./roadmap.ts";
import { reviseCodeFile, reviseWireframe } from "./revisions.ts";
import { offlineWireframe } from "./wireframe.ts";

/** The model name offline answers carry. */
export const OFFLINE_MODEL = "codeforge-offline-1";

const handlers: { [T in AgentTask]: (input: AgentTasks[T]["input"]) => AgentTasks[T]["output"] } = {
  clarify: offlineClarify,
  research: offlineResearch,
  wireframe: (input) => reviseWireframe(offlineWireframe(input), input.revisions ?? []),
  code: (input) => reviseCodeFile(offlineCodeFile(input), input.revisions ?? []),
  qa: offlineQaReview,
  pedagogy: offlinePedagogy,
  roadmap: offlineRoadmap,
};

/** Options of `createOfflineAgentModel`. */
export interface OfflineModelOptions {
  /** Characters per streamed piece of the answer's JSON (default 512). */
  chunkSize?: number;
}

/**
 * The offline engine behind the `AgentModel` seam: each task is answered from
 * the input's words by rules and templates, validated against the task's
 * schema, and its JSON is streamed in pieces through `onToken`. Costs nothing.
 * @example const model = createOfflineAgentModel(); await runResearchAgent({ user_idea }, {}, model)
 */
export function createOfflineAgentModel(options: OfflineModelOptions = {}): AgentModel {
  const chunk = Math.max(16, options.chunkSize ?? 512);
  return {
    name: "offline",
    source: "offline",
    async run<T extends AgentTask>(task: T, input: AgentTasks[T]["input"], context: AgentContext = {}): Promise<AgentAnswer<AgentTasks[T]["output"]>> {
      context.signal?.throwIfAborted();
      const output = validateTaskOutput(task, handlers[task](input));
      if (context.onToken) {
        const text = task === "code" ? (output as AgentTasks["code"]["output"]).code : JSON.stringify(output, null, 1);
        for (let i = 0; i < text.length; i += chunk) context.onToken(text.slice(i, i + chunk));
      }
      return { output, usage: zeroUsage(), source: "offline", model: OFFLINE_MODEL };
    },
  };
}
