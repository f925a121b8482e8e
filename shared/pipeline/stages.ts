/** @module The stages the plans are made of: one agent each, reading params and earlier outputs, writing their effects. */
import {
  classifyProjectType,
  patternQueryText,
  runCodeAgent,
  runCodeChange,
  runPedagogyAgent,
  runQaAgent,
  runResearchAgent,
  runRoadmapAgent,
  runWireframeAgent,
  type AgentContext,
  type AnswerSource,
  type ProjectFile,
} from "../agents/index.ts";
import { jobUsageOf, type StageContext, type StageDefinition, type StageOutcome } from "../jobs/types.ts";
import type { CodeGenerationResult, QAResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { attachmentDocument } from "../chat/attachment-text.ts";
import type { PipelineDeps } from "./deps.ts";
import { learnFromQa } from "./learning.ts";
import { relevantPatterns } from "./pattern-retrieval.ts";
import { answersWithQuestions, readParams, reviewCommentsFor, type JobParams } from "./params.ts";
import { withTestFloor } from "./test-floor.ts";

/** What a stage keeps as its artifact: the agent's output and where it came from. */
export interface StageArtifact<T> {
  agent: string;
  source: AnswerSource;
  model: string;
  output: T;
  [detail: string]: unknown;
}

/** The names of the stages. */
export type StageName = "research" | "wireframe" | "code" | "qa" | "pedagogy" | "roadmap";

const agentContext = (context: StageContext): AgentContext => ({ signal: context.signal, onToken: (delta) => context.stream(delta) });

/** The output of an earlier stage (its artifact's `output`), or undefined. */
export function outputOf<T>(outputs: Record<string, unknown>, stage: StageName): T | undefined {
  const artifact = outputs[stage];
  if (artifact && typeof artifact === "object" && "output" in artifact) return (artifact as StageArtifact<T>).output;
  return undefined;
}

function requirementsOf(context: StageContext, params: JobParams): RequirementsDoc {
  const found = outputOf<RequirementsDoc>(context.outputs, "research") ?? params.requirements_spec;
  if (!found) throw new Error("no requirements: run the research agent first or pass params.requirements_spec");
  return found;
}
function wireframeOf(context: StageContext, params: JobParams): WireframeSpec {
  const found = outputOf<WireframeSpec>(context.outputs, "wireframe") ?? params.architecture_spec;
  if (!found) throw new Error("no wireframe: run the wireframe agent first or pass params.architecture_spec");
  return found;
}
function filesOf(context: StageContext, params: JobParams): ProjectFile[] {
  const code = outputOf<CodeGenerationResult[]>(context.outputs, "code");
  if (code) return code.map((file) => ({ path: file.file_path, content: file.code, language: file.language }));
  if (params.files) return params.files.map((file) => ({ path: file.path, content: file.content, language: file.language }));
  throw new Error("no files: run the code agent first or pass params.files");
}

/** The passages of the project's documents nearest the idea, for the research agent. */
async function documentsFor(deps: PipelineDeps, context: StageContext, idea: string): Promise<string[]> {
  if (!deps.retrieveDocuments) return [];
  const passages = await deps.retrieveDocuments(context.job.project_id, idea, 4);
  if (passages.length) {
    await context.log("info", `Read ${passages.length} passages of the project's documents: ${[...new Set(passages.map((p) => p.filename))].join(", ")}`);
  }
  return passages.map((passage) => `${passage.filename}: ${passage.content}`);
}

/** The text files attached to the message that asked for the build, for the research agent. */
async function attachedFiles(context: StageContext, params: JobParams): Promise<string[]> {
  const files = params.input_context?.attachments ?? [];
  if (files.length) await context.log("info", `Read ${files.length} attached files: ${files.map((file) => file.name).join(", ")}`);
  return files.map(attachmentDocument);
}

/** research → `projects.requirements_spec` (+ tech_stack), project `in-progress`; or questions for the user. */
export function researchStage(deps: PipelineDeps, progress: number): StageDefinition {
  return {
    name: "research",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const idea = params.input_context?.user_idea;
      if (!idea) throw new Error("params.input_context.user_idea is required");
      const answers = answersWithQuestions(params, context.job.result);
      const documents = [...(await attachedFiles(context, params)), ...(await documentsFor(deps, context, idea))];
      const outcome = await runResearchAgent(
        { user_idea: idea, ...(answers ? { answers } : {}), ...(documents.length ? { documents } : {}) },
        agentContext(context), deps.model, { allowClarification: params.clarify !== false },
      );
      if (outcome.kind === "questions") {
        await context.log("info", `The idea needs clarification: ${outcome.reason}`, { source: outcome.source });
        return { kind: "ask", questions: outcome.questions };
      }
      const artifact: StageArtifact<RequirementsDoc> = { agent: "research", source: outcome.source, model: outcome.model, output: outcome.output };
      return {
        kind: "completed",
        output: artifact,
        effects: { project: { requirements_spec: outcome.output, status: "in-progress", tech_stack: outcome.output.recommended_stack } },
        usage: jobUsageOf(outcome.usage),
      };
    },
  };
}

/** wireframe (with the nearest patterns of the project's type) → `projects.architecture_spec`. */
export function wireframeStage(deps: PipelineDeps, progress: number): StageDefinition {
  return {
    name: "wireframe",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const requirements = requirementsOf(context, params);
      const projectType = classifyProjectType(patternQueryText(requirements));
      const patterns = await relevantPatterns(deps, context, requirements, projectType);
      const revisions = reviewCommentsFor(params, "wireframe");
      if (revisions.length) await context.log("info", `Revising the design with ${revisions.length} review comment(s): ${revisions.at(-1)}`, { revisions });
      const answer = await runWireframeAgent({ requirements, project_type: projectType, patterns, ...(revisions.length ? { revisions } : {}) }, agentContext(context), deps.model);
      const artifact: StageArtifact<WireframeSpec> = {
        agent: "wireframe",
        source: answer.source,
        model: answer.model,
        output: answer.output,
        project_type: projectType,
        patterns: patterns.map((p) => ({ id: p.id ?? null, name: p.metadata.name, similarity: p.similarity ?? null })),
      };
      const review = params.review_gates?.design ? { review: "design" as const } : {};
      return { kind: "completed", output: artifact, effects: { project: { architecture_spec: answer.output }, ...review }, usage: jobUsageOf(answer.usage) };
    },
  };
}

/** code → every file in `project_files` (one stage, one transaction), project `building`; each file's event says whether it was new or rewritten. */
export function codeStage(deps: PipelineDeps, progress: number): StageDefinition {
  return {
    name: "code",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const revisions = reviewCommentsFor(params, "code");
      if (revisions.length) await context.log("info", `Revising the code with ${revisions.length} review comment(s): ${revisions.at(-1)}`, { revisions });
      const input = { requirements: requirementsOf(context, params), wireframe: wireframeOf(context, params), ...(revisions.length ? { revisions } : {}) };
      if (params.instruction && params.files) return changeOutcome(deps, context, { ...input, instruction: params.instruction, files: filesOf(context, params) });
      const existing = new Set(await deps.projectFilePaths(context.job.project_id));
      const answer = await runCodeAgent(input, agentContext(context), deps.model, {
        onFile: (file, index, total) => context.event(existing.has(file.file_path) ? "file_updated" : "file_created", { path: file.file_path, index: index + 1, total }),
      });
      // With a model, the deterministic tests stay as a floor under the model's own.
      const output = answer.source === "llm" ? withTestFloor(answer.output, answer.plan, input) : answer.output;
      for (const file of output.filter((f) => !answer.output.some((a) => a.file_path === f.file_path))) {
        await context.event(existing.has(file.file_path) ? "file_updated" : "file_created", { path: file.file_path });
      }
      const artifact: StageArtifact<CodeGenerationResult[]> = { agent: "code", source: answer.source, model: answer.model, output };
      return {
        kind: "completed",
        output: artifact,
        effects: {
          files: output.map((file) => ({ path: file.file_path, content: file.code, language: file.language })),
          project: { status: "building" },
          ...(params.review_gates?.feature ? { review: "feature" as const } : {}),
        },
        usage: jobUsageOf(answer.usage),
      };
    },
  };
}

/** code with `params.instruction`: the existing files edited, only the changed ones written. */
async function changeOutcome(deps: PipelineDeps, context: StageContext, input: Parameters<typeof runCodeChange>[0]): Promise<StageOutcome> {
  const answer = await runCodeChange(input, agentContext(context), deps.model);
  for (const [index, file] of answer.output.entries()) await context.event("file_updated", { path: file.file_path, index: index + 1, total: answer.output.length });
  const artifact: StageArtifact<CodeGenerationResult[]> = { agent: "code", source: answer.source, model: answer.model, output: answer.output, instruction: input.instruction };
  return {
    kind: "completed",
    output: artifact,
    effects: { files: answer.output.map((file) => ({ path: file.file_path, content: file.code, language: file.language })) },
    usage: jobUsageOf(answer.usage),
  };
}

/** qa → the job's result; project `completed` when it passed; the outcome feeds the learning loop (learning.ts): with `remember`, a passed, faithful app becomes a pattern. */
export function qaStage(deps: PipelineDeps, progress: number, remember: boolean): StageDefinition {
  return {
    name: "qa",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const files = filesOf(context, params);
      const requirements = outputOf<RequirementsDoc>(context.outputs, "research") ?? params.requirements_spec;
      const wireframe = outputOf<WireframeSpec>(context.outputs, "wireframe") ?? params.architecture_spec;
      const idea = params.input_context?.user_idea;
      const answer = await runQaAgent({ files, ...(idea ? { idea } : {}), ...(requirements ? { requirements } : {}), ...(wireframe ? { wireframe } : {}) }, agentContext(context), deps.model, deps.qa);
      await context.log(answer.output.passed ? "info" : "warn", answer.output.summary, { stats: answer.report.stats });
      let stored = false;
      if (requirements && wireframe) {
        const projectType = (context.outputs.wireframe as { project_type?: string } | undefined)?.project_type ?? classifyProjectType(patternQueryText(requirements));
        stored = await learnFromQa(deps, context, { requirements, wireframe, result: answer.output, projectType, model: answer.model, remember });
      }
      const artifact: StageArtifact<QAResult> = { agent: "qa", source: answer.source, model: answer.model, output: answer.output, stats: answer.report.stats, pattern_stored: stored };
      return {
        kind: "completed",
        output: artifact,
        ...(answer.output.passed ? { effects: { project: { status: "completed" } } } : {}),
        usage: jobUsageOf(answer.usage),
      };
    },
  };
}

/** pedagogy → the job's result (a ChoiceFramework for `params.topic`). */
export function pedagogyStage(deps: PipelineDeps, progress: number): StageDefinition {
  return {
    name: "pedagogy",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const requirements = outputOf<RequirementsDoc>(context.outputs, "research") ?? params.requirements_spec;
      const topic = params.topic ?? params.input_context?.user_idea;
      if (!topic) throw new Error("params.topic (or input_context.user_idea) is required");
      const answer = await runPedagogyAgent(
        {
          topic,
          skill_level: params.skill_level ?? "beginner",
          ...(requirements ? { requirements } : {}),
          ...(params.architecture_spec ? { wireframe: params.architecture_spec } : {}),
          ...(params.history?.length ? { history: params.history.map(({ role, content }) => ({ role, content })) } : {}),
        },
        agentContext(context),
        deps.model,
      );
      return { kind: "completed", output: { agent: "pedagogy", source: answer.source, model: answer.model, output: answer.output } satisfies StageArtifact<unknown>, usage: jobUsageOf(answer.usage) };
    },
  };
}

/** roadmap → a `learning_roadmaps` row (`effects.roadmap`), planned for the student's level. */
export function roadmapStage(deps: PipelineDeps, progress: number): StageDefinition {
  return {
    name: "roadmap",
    progress,
    async run(context): Promise<StageOutcome> {
      const params = readParams(context.job.params);
      const requirements = requirementsOf(context, params);
      const wireframe = outputOf<WireframeSpec>(context.outputs, "wireframe") ?? params.architecture_spec;
      const answer = await runRoadmapAgent(
        { requirements, skill_level: params.skill_level ?? "beginner", ...(wireframe ? { wireframe } : {}), ...(params.hours_per_week ? { hours_per_week: params.hours_per_week } : {}) },
        agentContext(context),
        deps.model,
      );
      return {
        kind: "completed",
        output: { agent: "roadmap", source: answer.source, model: answer.model, output: answer.output } satisfies StageArtifact<unknown>,
        effects: { roadmap: answer.output },
        usage: jobUsageOf(answer.usage),
      };
    },
  };
}
