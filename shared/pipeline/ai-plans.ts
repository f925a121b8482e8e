/** @module The job plans of the `docs` and `explain` agents (docs/architecture.md#after-the-build-docs-explanations-previews-comments-github-sync): one stage each, over the project's files in `params`. */
import { z } from "zod";
import { runDocsAgent, runExplainAgent, type ProjectFile } from "../agents/index.ts";
import { jobUsageOf, type JobPlan, type StageContext, type StageDefinition } from "../jobs/types.ts";
import type { DocsResult, ExplainResult } from "../protocol/index.ts";
import type { PipelineDeps } from "./deps.ts";
import { readParams } from "./params.ts";
import type { StageArtifact } from "./stages.ts";


/** What the docs and explain jobs read from `params` besides the project's files. */
const AiParams = z.looseObject({
  file_path: z.string().min(1).optional(),
  line_start: z.number().int().min(1).optional(),
  line_end: z.number().int().min(1).optional(),
  question: z.string().optional(),
});

function filesOf(context: StageContext): ProjectFile[] {
  const files = readParams(context.job.params).files ?? [];
  return files.map((file) => ({ path: file.path, content: file.content, language: file.language }));
}

/** docs → the document as a project file (README.md or docs/…) and as the job's result. */
function docsStage(deps: PipelineDeps): StageDefinition {
  return {
    name: "docs",
    progress: 100,
    async run(context) {
      const params = readParams(context.job.params);
      const { file_path } = AiParams.parse(context.job.params);
      const answer = await runDocsAgent(
        {
          files: filesOf(context),
          ...(file_path ? { file_path } : {}),
          ...(params.requirements_spec ? { app_name: params.requirements_spec.app_name, description: params.requirements_spec.elevator_pitch } : {}),
        },
        { signal: context.signal, onToken: (delta) => context.stream(delta) },
        deps.model,
      );
      await context.event("file_updated", { path: answer.output.path, bytes: answer.output.markdown.length });
      return {
        kind: "completed",
        output: { agent: "docs", source: answer.source, model: answer.model, output: answer.output } satisfies StageArtifact<DocsResult>,
        effects: { files: [{ path: answer.output.path, content: answer.output.markdown, language: "markdown" }] },
        usage: jobUsageOf(answer.usage),
      };
    },
  };
}

/** explain → the job's result (an AI comment in the thread when `params.thread_id` is set, written by the database). */
function explainStage(deps: PipelineDeps): StageDefinition {
  return {
    name: "explain",
    progress: 100,
    async run(context) {
      const { file_path, line_start, line_end, question } = AiParams.parse(context.job.params);
      if (!file_path || !line_start || !line_end) throw new Error("params.file_path, line_start and line_end are required");
      const file = filesOf(context).find((candidate) => candidate.path === file_path);
      if (!file) throw new Error(`no file ${file_path} in the project`);
      const answer = await runExplainAgent(
        { file_path, language: file.language, content: file.content, line_start, line_end, ...(question ? { question } : {}) },
        { signal: context.signal, onToken: (delta) => context.stream(delta) },
        deps.model,
      );
      return {
        kind: "completed",
        output: { agent: "explain", source: answer.source, model: answer.model, output: answer.output } satisfies StageArtifact<ExplainResult>,
        usage: jobUsageOf(answer.usage),
      };
    },
  };
}

const resultOf = (stage: "docs" | "explain") => (outputs: Record<string, unknown>) => {
  const artifact = outputs[stage] as StageArtifact<unknown> | undefined;
  return artifact ? { ...(artifact.output as object), source: artifact.source, model: artifact.model } : null;
};

/**
 * The plans of `agent_jobs.agent_type` `docs` and `explain`; the job's `params`
 * carry the project's `files` (see start-job's withProjectOutputs).
 * @example const plans = { ...createAgentPlans(deps), ...createAiPlans(deps) };
 */
export function createAiPlans(deps: PipelineDeps): Record<"docs" | "explain", JobPlan> {
  return {
    docs: { stages: () => [docsStage(deps)], result: resultOf("docs") },
    explain: { stages: () => [explainStage(deps)], result: resultOf("explain") },
  };
}
