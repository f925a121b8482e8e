/** @module The code agent: requirements + wireframe → one CodeGenerationResult per planned file. */
import type { CodeGenerationResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { planFiles } from "./file-plan.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import { addUsage, type AgentAnswer, type AgentContext, type AgentModel, type PlannedFile } from "./types.ts";

/** What the code agent writes an app from. */
export interface CodeInput {
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  /** Changes the owner asked for in feature review, oldest first. */
  revisions?: string[];
}

/** Options of `runCodeAgent`. */
export interface CodeOptions {
  /** Called after each file, e.g. for a `file_created`/`file_updated` event and progress. */
  onFile?: (file: CodeGenerationResult, index: number, total: number) => void | Promise<void>;
}

/**
 * Plans the app's files from the wireframe (`planFiles`) and asks the model for
 * each one in turn; every result is validated and keeps its planned path.
 * @example const { output: files } = await runCodeAgent({ requirements, wireframe }, {}, model);
 */
export async function runCodeAgent(input: CodeInput, context: AgentContext, model: AgentModel, options: CodeOptions = {}): Promise<AgentAnswer<CodeGenerationResult[]> & { plan: PlannedFile[] }> {
  const plan = planFiles(input.wireframe);
  const results: CodeGenerationResult[] = [];
  const usages = [];
  let last: AgentAnswer<CodeGenerationResult> | undefined;
  for (const [index, file] of plan.entries()) {
    context.signal?.throwIfAborted();
    context.onToken?.(`${index === 0 ? "" : "\n"}// ${file.path}\n`);
    last = await model.run("code", { ...input, plan, file }, context);
    const result = validateTaskOutput("code", last.output);
    // The plan decides paths: other files import this one by its planned path.
    const fixed = { ...result, file_path: file.path, language: result.language || file.language };
    results.push(fixed);
    usages.push(last.usage);
    await options.onFile?.(fixed, index, plan.length);
  }
  return { output: results, plan, usage: addUsage(...usages), source: last?.source ?? model.source, model: last?.model ?? model.name };
}
