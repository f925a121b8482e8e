/** @module A page of the project's job history, from the jobs list endpoint. */
import type { JobListResponse } from "../../../shared/protocol/index.ts";
import { fetchJobHistory } from "../data/jobs.ts";
import { useResource, type Resource } from "./use-resource.ts";

export const JOB_HISTORY_PAGE_SIZE = 10;

export function useJobHistory(projectId: string, page: number): Resource<JobListResponse> {
  return useResource(`history:${projectId}:${page}`, () => fetchJobHistory(projectId, JOB_HISTORY_PAGE_SIZE, (page - 1) * JOB_HISTORY_PAGE_SIZE));
}
