/** @module Refactor jobs: start one (a rename, a file move, a component extraction, or an instruction), read its proposal, apply the accepted files. */
import type { RefactorParams, RefactorProposal, RunPipelineResponse as RunJobResponse } from "../../../shared/protocol/index.ts";
import { callFunction, type Result } from "../lib/functions.ts";

export const startRefactor = (projectId: string, body: RefactorParams): Promise<Result<RunJobResponse>> =>
  callFunction("refactor", { method: "POST", body: { project_id: projectId, ...body } });

/** What applying wrote, file by file. */
export interface AppliedChanges {
  files: { path: string; action: "modify" | "create" | "delete"; from_version: number | null; to_version: number | null }[];
  manifest_version: number;
  rejected: string[];
}

/** A refactor job's result: its proposal, and once applied what was written. */
export interface RefactorResult {
  proposal: RefactorProposal | null;
  applied_changes?: AppliedChanges;
}

/** Applies the accepted files of the proposal (all of them, or none on a conflict). */
export const applyRefactor = (jobId: string, paths: string[]): Promise<Result<{ applied_changes: AppliedChanges }>> =>
  callFunction(`refactor/${jobId}/apply`, { method: "POST", body: { paths } });
