/** @module Refactor jobs: start a rename, read its proposal, apply it (all files or none). */
import type { RefactorProposal, RunPipelineResponse as RunJobResponse } from "../../../shared/protocol/index.ts";
import { callFunction, type Result } from "../lib/functions.ts";

export interface RenameRequest {
  symbol: string;
  renameTo: string;
  instruction?: string;
}

export const startRename = (projectId: string, request: RenameRequest): Promise<Result<RunJobResponse>> =>
  callFunction("refactor", {
    method: "POST",
    body: { project_id: projectId, symbol: request.symbol, options: { rename_to: request.renameTo }, ...(request.instruction ? { instruction: request.instruction } : {}) },
  });

/** A refactor job's result: its proposal, and once applied what was written. */
export interface RefactorResult {
  proposal: RefactorProposal | null;
  applied_changes?: { files: { path: string; from_version: number; to_version: number }[]; manifest_version: number };
}

export const applyRefactor = (jobId: string): Promise<Result<{ applied_changes: NonNullable<RefactorResult["applied_changes"]> }>> =>
  callFunction(`refactor/${jobId}/apply`, { method: "POST" });
