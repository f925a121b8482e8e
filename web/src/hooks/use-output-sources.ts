/** @module Where the project's outputs came from: the offline engine or a model, per stage, from the jobs' artifacts. */
import { fetchStageSources, type StageSource } from "../data/jobs.ts";
import { useResource } from "./use-resource.ts";

/** stage → the newest artifact's source among `jobIds`. */
export function useOutputSources(jobIds: string[]): Record<string, StageSource> {
  const key = jobIds.join(",");
  const { data } = useResource(key ? `sources:${key}` : null, () => fetchStageSources(jobIds));
  const byStage: Record<string, StageSource> = {};
  for (const row of data ?? []) byStage[row.stage] ??= row;
  return byStage;
}
