/** @module The docs and explain agents: Markdown docs for a project or a file, and explanations of a line range. */
import type { DocsResult, ExplainResult } from "../protocol/index.ts";
import { validateTaskOutput } from "./task-schemas.ts";
import type { AgentAnswer, AgentContext, AgentModel, DocsInput, ExplainInput } from "./types.ts";

/**
 * Documents the project (a README) or, with `input.file_path`, one file (docs/<path>.md).
 * @example await runDocsAgent({ files, app_name: "Dog CRM" }, {}, model)
 */
export async function runDocsAgent(input: DocsInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<DocsResult>> {
  if (input.file_path && !input.files.some((file) => file.path === input.file_path)) throw new Error(`no file ${input.file_path} in the project`);
  if (!input.files.length) throw new Error("the project has no files to document");
  const answer = await model.run("docs", input, context);
  const output = validateTaskOutput("docs", answer.output);
  // Where the document goes is decided here, not by the model.
  const path = input.file_path ? `docs/${input.file_path.replace(/\.[^./]+$/, "")}.md` : "README.md";
  return { ...answer, output: { ...output, path } };
}

/**
 * Explains lines `line_start`..`line_end` of a file, answering `question` when given.
 * @example await runExplainAgent({ file_path: "src/App.tsx", language: "typescript", content, line_start: 3, line_end: 9 }, {}, model)
 */
export async function runExplainAgent(input: ExplainInput, context: AgentContext, model: AgentModel): Promise<AgentAnswer<ExplainResult>> {
  const lineCount = input.content.split("\n").length;
  if (input.line_start > lineCount) throw new Error(`${input.file_path} has ${lineCount} lines; the range starts at line ${input.line_start}`);
  const answer = await model.run("explain", { ...input, line_end: Math.min(input.line_end, lineCount) }, context);
  return { ...answer, output: validateTaskOutput("explain", answer.output) };
}
