/** @module The wireframe stage's retrieval: candidate patterns from the store, only the relevant ones passed on, every decision a job event. */
import { patternQueryText, type RetrievedPattern } from "../agents/index.ts";
import type { StageContext } from "../jobs/types.ts";
import { profileOfRequirements } from "../offline/wireframe.ts";
import { judgePatterns, type PatternDecision } from "../patterns/relevance.ts";
import type { RequirementsDoc } from "../protocol/index.ts";
import type { PipelineDeps } from "./deps.ts";

/** The records of an app as the gate and the learning loop read its requirements. */
export const recordsOf = (requirements: RequirementsDoc) => profileOfRequirements(requirements).entities.map((e) => e.name);

/**
 * The patterns the wireframe agent may build on: candidates of the project's type and of any
 * type (`patternCount` each), judged by `judgePatterns`; at most `patternCount` taken,
 * most similar first. Each decision is a `pattern_taken` or `pattern_rejected` event with its reason.
 */
export async function relevantPatterns(deps: PipelineDeps, context: StageContext, requirements: RequirementsDoc, projectType: string): Promise<RetrievedPattern[]> {
  const [embedding] = await deps.embed([patternQueryText(requirements)]);
  if (!embedding) throw new Error("the embedder returned no vector");
  const count = deps.patternCount ?? 3;
  const candidates: RetrievedPattern[] = [];
  for (const pattern of [...(await deps.retrievePatterns(embedding, projectType, count)), ...(await deps.retrievePatterns(embedding, null, count))]) {
    if (!candidates.some((c) => (c.id && c.id === pattern.id) || (!c.id && c.metadata.name === pattern.metadata.name))) candidates.push(pattern);
  }
  candidates.sort((a, b) => (b.similarity ?? 0) - (a.similarity ?? 0));
  const records = recordsOf(requirements);
  const decisions: PatternDecision[] = judgePatterns(candidates, records);
  let taken = 0;
  for (const [index, decision] of decisions.entries()) {
    if (decision.taken && ++taken > count) decisions[index] = { ...decision, taken: false, reason: `${count} more similar patterns were taken` };
  }
  for (const [index, decision] of decisions.entries()) {
    await context.event(decision.taken ? "pattern_taken" : "pattern_rejected", { id: candidates[index]!.id ?? null, ...decision });
  }
  const patterns = candidates.filter((_, index) => decisions[index]!.taken);
  await context.log("info", `Considered ${candidates.length} patterns for ${records.join(", ") || "the app"}; took ${patterns.length}: ${patterns.map((p) => p.metadata.name).join(", ") || "none (designing from the requirements alone)"}`, {
    project_type: projectType,
    taken: patterns.map((p) => p.metadata.name),
    rejected: decisions.filter((d) => !d.taken).map((d) => d.name),
  });
  return patterns;
}
