/** @module The job plans of the agents: the full pipeline and one plan per agent, with the stages each needs. */
import type { JobPlan, JobRow, StageDefinition } from "../jobs/types.ts";
import type { CodeGenerationResult, QAResult, RequirementsDoc } from "../protocol/index.ts";
import type { PipelineDeps } from "./deps.ts";
import { loopResult, loopStages } from "./fix-loop.ts";
import { sandboxSummary } from "./sandbox-summary.ts";
import { readParams, type JobParams } from "./params.ts";
import { codeStage, outputOf, pedagogyStage, qaStage, researchStage, roadmapStage, wireframeStage, type StageArtifact, type StageName } from "./stages.ts";

/** Relative cost of each stage, for progress: code writes many files. */
const WEIGHT: Record<StageName, number> = { research: 1, wireframe: 1, code: 2, qa: 1, pedagogy: 1, roadmap: 1 };

/** Progress after each of `names` (rising, the last one 100). */
export function progressSteps(names: StageName[]): number[] {
  const total = names.reduce((sum, name) => sum + WEIGHT[name], 0);
  let done = 0;
  return names.map((name) => {
    done += WEIGHT[name];
    return Math.round((100 * done) / total);
  });
}

/** The outputs each stage reads. */
const NEEDS: Record<StageName, StageName[]> = { research: [], wireframe: ["research"], code: ["research", "wireframe"], qa: ["code"], pedagogy: [], roadmap: ["research"] };
const ORDER: StageName[] = ["research", "wireframe", "code", "qa", "pedagogy", "roadmap"];

/** The stages `target` needs before it (transitively), minus those whose output `params` already gives, in pipeline order. */
export function stageChain(target: StageName, params: JobParams): StageName[] {
  const given: Partial<Record<StageName, boolean>> = { research: !!params.requirements_spec, wireframe: !!params.architecture_spec, code: !!params.files };
  const needed = new Set<StageName>();
  const visit = (name: StageName) => {
    for (const dep of NEEDS[name]) {
      if (given[dep] || needed.has(dep)) continue;
      needed.add(dep);
      visit(dep);
    }
  };
  visit(target);
  return [...ORDER.filter((name) => needed.has(name)), target];
}

function build(deps: PipelineDeps, names: StageName[], remember: boolean): StageDefinition[] {
  const progress = progressSteps(names);
  return names.map((name, i) => {
    const at = progress[i]!;
    switch (name) {
      case "research": return researchStage(deps, at);
      case "wireframe": return wireframeStage(deps, at);
      case "code": return codeStage(deps, at);
      case "qa": return qaStage(deps, at, remember);
      case "pedagogy": return pedagogyStage(deps, at);
      default: return roadmapStage(deps, at);
    }
  });
}

/** The plans' result when a single-agent job finishes: the agent's output (its shared/protocol schema). */
const singleResult = (stage: StageName) => (outputs: Record<string, unknown>) => {
  const artifact = outputs[stage] as StageArtifact<unknown> | undefined;
  return artifact?.output ?? null;
};

/**
 * The pipeline's result: the QA verdict, the app's name and files, and where the answers came from;
 * after the fix loop, `passed` is whether its last sandbox attempt was green with no fidelity miss left, and `sandbox` says how it went;
 * without it, whether QA passed with no fidelity miss.
 */
function pipelineResult(outputs: Record<string, unknown>, job: JobRow) {
  const qa = outputs.qa as StageArtifact<QAResult> | undefined;
  const requirements = outputOf<RequirementsDoc>(outputs, "research");
  const files = outputOf<CodeGenerationResult[]>(outputs, "code") ?? [];
  const sandbox = loopResult(outputs, readParams(job.params).input_context?.user_idea);
  // A fidelity miss (QA warning) left unfixed means the app is not the one asked for.
  const faithful = !qa?.output.issues.some((issue) => issue.check === "fidelity");
  return {
    app_name: requirements?.app_name ?? null,
    passed: sandbox ? sandbox.passed : (qa?.output.passed ?? false) && faithful,
    ...(sandbox ? { sandbox: { ...sandbox, summary: sandboxSummary(sandbox) } } : {}),
    qa: qa?.output ?? null,
    files: files.map((file) => file.file_path),
    source: qa?.source ?? null,
    model: qa?.model ?? null,
    pattern_stored: qa?.pattern_stored === true,
    project_id: job.project_id,
  };
}

/**
 * Every agent job plan, keyed by `agent_jobs.agent_type`: `pipeline`
 * (research → wireframe → code → qa, storing a passed app's architecture as a
 * pattern) and `research`, `wireframe`, `code`, `qa`, `pedagogy`, `roadmap`.
 * A single agent runs the stages it depends on first unless `params` carries
 * their outputs (`requirements_spec`, `architecture_spec`, `files`).
 * @example runNextStep(jobId, { store, worker, plans: createAgentPlans(deps) })
 */
export function createAgentPlans(deps: PipelineDeps): Record<"pipeline" | StageName, JobPlan> {
  const single = (target: StageName): JobPlan => ({
    stages: (job) => build(deps, stageChain(target, readParams(job.params)), false),
    result: singleResult(target),
  });
  return {
    pipeline: {
      stages: (job, outputs) => {
        const stages = build(deps, ["research", "wireframe", "code", "qa"], true);
        const sandbox = readParams(job.params).sandbox ?? deps.sandbox ?? false;
        return sandbox ? [...stages.map((s) => ({ ...s, progress: Math.round(s.progress * 0.8) })), ...loopStages(deps, outputs, readParams(job.params).input_context?.user_idea)] : stages;
      },
      result: pipelineResult,
    },
    research: single("research"),
    wireframe: single("wireframe"),
    code: single("code"),
    qa: single("qa"),
    pedagogy: single("pedagogy"),
    roadmap: single("roadmap"),
  };
}
