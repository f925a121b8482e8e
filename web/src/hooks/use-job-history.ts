/** @module A page of the project's job history, from the jobs list endpoint, with what each run's model calls cost. */
import type { JobListResponse } from "../../../shared/protocol/index.ts";
import { fetchJobHistory, fetchJobUsage, type JobUsage } from "../data/jobs.ts";
import { useResource, type Resource } from "./use-resource.ts";

export const JOB_HISTORY_PAGE_SIZE = 10;

export function useJobHistory(projectId: string, page: number): Resource<JobListResponse & { usage: Record<string, JobUsage> }> {
  return useResource(`history:${projectId}:${page}`, async () => {
    const list = await fetchJobHistory(projectId, JOB_HISTORY_PAGE_SIZE, (page - 1) * JOB_HISTORY_PAGE_SIZE);
    return { ...list, usage: await fetchJobUsage(list.items.map((job) => job.job_id)) };
  });
}
