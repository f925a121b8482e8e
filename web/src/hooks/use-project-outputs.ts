/** @module The QA report of the latest run that had one, and where each stage's output came from. */
import { QAResult } from "../../../shared/protocol/index.ts";
import { fetchFinishedJobs, fetchStageSources, type StageSource } from "../data/jobs.ts";
import { useResource, type Resource } from "./use-resource.ts";

export interface ProjectOutputs {
  qa: QAResult | null;
  /** stage → the newest artifact's source. */
  sources: Record<string, StageSource>;
}

/** A pipeline's result carries `qa`; a QA agent's result is the report itself. */
function qaOf(result: unknown): QAResult | null {
  const candidate = (result as { qa?: unknown } | null)?.qa ?? result;
  const parsed = QAResult.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** @param version changes when the project does (a stage finished), to read again. */
export function useProjectOutputs(projectId: string, version: string): Resource<ProjectOutputs> {
  return useResource(`outputs:${projectId}:${version}`, async () => {
    const jobs = await fetchFinishedJobs(projectId);
    const qa = jobs.map((job) => qaOf(job.result)).find((report) => report !== null) ?? null;
    const sources: Record<string, StageSource> = {};
    for (const row of await fetchStageSources(jobs.map((job) => job.id))) sources[row.stage] ??= row;
    return { qa, sources };
  });
}
