/** @module The learning loop after QA: a passed, faithful app becomes a pattern unless one like it exists; the patterns an app that failed was built on lose score. */
import type { StageContext } from "../jobs/types.ts";
import { appFidelity } from "../offline/fidelity.ts";
import { patternText } from "../patterns/library.ts";
import type { QAResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import type { PipelineDeps } from "./deps.ts";
import { recordsOf } from "./pattern-retrieval.ts";

/** An app is remembered only when its pages match its requirements this well (recall and precision, see appFidelity). */
export const MIN_FIDELITY = 0.9;
/** A new pattern whose records and pages overlap a stored one's this much (Jaccard) is a near-duplicate and is not stored. */
export const NEAR_DUPLICATE = 0.8;
/** How much a pattern's success_score falls each time an app built on it fails QA or its fidelity check. */
export const FAILURE_PENALTY = 0.1;

/** How well a passed app did: 1 minus a little per warning, never below 0.5. */
export function successScore(result: QAResult): number {
  const warnings = result.issues.filter((issue) => issue.severity === "warning").length;
  return Math.max(0.5, Math.round((1 - 0.05 * warnings) * 100) / 100);
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  const both = [...a].filter((x) => b.has(x)).length;
  return both / (a.size + b.size - both || 1);
};

interface Learned {
  requirements: RequirementsDoc;
  wireframe: WireframeSpec;
  result: QAResult;
  projectType: string;
  model: string;
  remember: boolean;
}

/** Feeds one QA outcome back into the pattern store; returns whether the app was stored as a pattern. */
export async function learnFromQa(deps: PipelineDeps, context: StageContext, { requirements, wireframe, result, projectType, model, remember }: Learned): Promise<boolean> {
  const records = recordsOf(requirements);
  const fidelity = appFidelity(records, wireframe.site_map.map((page) => page.path));
  const good = result.passed && fidelity.score >= MIN_FIDELITY;
  const why = !result.passed ? "QA did not pass" : `fidelity ${fidelity.score.toFixed(2)} is under ${MIN_FIDELITY}`;

  const used = ((context.outputs.wireframe as { patterns?: { id?: string | null; name: string }[] } | undefined)?.patterns ?? []).filter((p) => p.id);
  if (!good && deps.adjustPatternScore) {
    for (const pattern of used) {
      const score = await deps.adjustPatternScore(pattern.id!, -FAILURE_PENALTY);
      await context.event("pattern_score_lowered", { id: pattern.id, name: pattern.name, success_score: score, reason: `an app built on it failed: ${why}` });
    }
  }
  if (!remember) return false;
  if (!good) {
    await context.event("pattern_not_stored", { reason: why, fidelity: fidelity.score, missing: fidelity.missing, off_topic: fidelity.offTopic });
    return false;
  }
  const pattern = {
    project_type: projectType,
    name: requirements.app_name,
    summary: requirements.elevator_pitch,
    pages: wireframe.site_map.map((page) => ({ path: page.path, purpose: page.description })),
    components: [...new Set(wireframe.site_map.flatMap((page) => page.components.map((c) => c.name)))],
    entities: records,
    stack: requirements.recommended_stack,
    success_score: successScore(result),
  };
  const [embedding] = await deps.embed([patternText(pattern)]);
  if (!embedding) return false;
  const shape = (entities: string[] = [], pages: { path: string }[] = []) => new Set([...entities.map((e) => `record:${e}`), ...pages.map((p) => `page:${p.path}`)]);
  const mine = shape(pattern.entities, pattern.pages);
  for (const near of await deps.retrievePatterns(embedding, projectType, 3)) {
    const overlap = jaccard(mine, shape(near.metadata.entities, near.metadata.pages));
    if (overlap < NEAR_DUPLICATE) continue;
    await context.event("pattern_not_stored", { reason: `near-duplicate of "${near.metadata.name}" (records and pages ${Math.round(overlap * 100)}% the same)`, fidelity: fidelity.score });
    return false;
  }
  const { success_score, project_type, ...rest } = pattern;
  await deps.storePattern({ project_type, embedding, success_score, metadata: { ...rest, source: "generated", project_id: context.job.project_id, job_id: context.job.id, model } });
  await context.event("pattern_stored", { project_type, success_score, fidelity: fidelity.score });
  return true;
}
