/** @module The code agent on a follow-up: an instruction applied to the project's existing files, never a rebuild. */
import type { CodeGenerationResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { filesForChange } from "./change-request.ts";
import { planFiles } from "./file-plan.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import { addUsage, type AgentAnswer, type AgentContext, type AgentModel, type PlannedFile, type ProjectFile } from "./types.ts";

/** What a change is made from: the instruction and the app as it is. */
export interface CodeChangeInput {
  instruction: string;
  files: ProjectFile[];
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  /** The paths to revise (a fix names them); by default the files the instruction touches. */
  targets?: string[];
}

const kindOf = (path: string): PlannedFile["kind"] =>
  path.endsWith(".css") ? "style" : path.startsWith("src/pages/") ? "page" : path.startsWith("src/components/") ? "component" : "config";

/**
 * Picks the files the instruction touches (`filesForChange`) and asks the model
 * to rewrite each with the change applied; returns only the files that changed.
 * @example await runCodeChange({ instruction: "make the header blue", files, requirements, wireframe }, {}, model)
 */
export async function runCodeChange(input: CodeChangeInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<CodeGenerationResult[]>> {
  const plan = planFiles(input.wireframe);
  const targets = input.targets
    ? input.files.filter((file) => input.targets!.includes(file.path))
    : filesForChange(input.instruction, input.files, input.requirements.app_name);
  const changed: CodeGenerationResult[] = [];
  const usages = [];
  let last: AgentAnswer<CodeGenerationResult> | undefined;
  for (const current of targets) {
    context.signal?.throwIfAborted();
    const file = plan.find((planned) => planned.path === current.path)
      ?? { path: current.path, language: current.language, kind: kindOf(current.path), purpose: `Existing file ${current.path}` };
    context.onToken?.(`// ${file.path}\n`);
    last = await model.run("code", { requirements: input.requirements, wireframe: input.wireframe, plan, file, change: { instruction: input.instruction, current: current.content } }, context);
    const result = validateTaskOutput("code", last.output);
    usages.push(last.usage);
    if (result.code !== current.content) changed.push({ ...result, file_path: current.path, language: current.language });
  }
  return { output: changed, usage: addUsage(...usages), source: last?.source ?? model.source, model: last?.model ?? model.name };
}
