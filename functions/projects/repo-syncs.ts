/** @module Records a GitHub import or export as a `repo_syncs` row, PENDING → RUNNING → SUCCESS / FAILED with the error (never the token). */
import { AppError, isAppError, dbError } from "../../shared/errors.ts";
import { serviceClient, type FunctionEnv } from "../_shared/context.ts";

export interface SyncRun {
  projectId: string;
  userId: string;
  direction: "import" | "export";
  repo: string;
  branch?: string;
}

export interface SyncOutcome {
  files_count: number;
  commit_sha: string;
  branch?: string;
}

/**
 * Runs `work` inside a recorded sync: the row says RUNNING while it runs and
 * SUCCESS or FAILED (with the error's message) after; the error is rethrown.
 */
export async function recordedSync<T extends SyncOutcome>(env: FunctionEnv, run: SyncRun, work: () => Promise<T>): Promise<{ sync_id: string; outcome: T }> {
  const service = serviceClient(env);
  const { data, error } = await service
    .from("repo_syncs")
    .insert({ project_id: run.projectId, user_id: run.userId, direction: run.direction, repo: run.repo, branch: run.branch ?? null })
    .select("id")
    .single();
  if (error) throw dbError(error, `recording the sync`);
  const finish = (fields: Record<string, unknown>) =>
    service.from("repo_syncs").update({ ...fields, finished_at: new Date().toISOString() }).eq("id", data.id).throwOnError();
  await service.from("repo_syncs").update({ status: "RUNNING", started_at: new Date().toISOString() }).eq("id", data.id).throwOnError();
  try {
    const outcome = await work();
    await finish({ status: "SUCCESS", files_count: outcome.files_count, commit_sha: outcome.commit_sha, ...(outcome.branch ? { branch: outcome.branch } : {}) });
    return { sync_id: data.id, outcome };
  } catch (failure) {
    const known = isAppError(failure) && failure.code !== "internal_error";
    await finish({ status: "FAILED", error_message: known ? failure.message : "Internal error" });
    // The answer names the recorded sync, so the client can show it.
    if (!known) throw failure;
    throw new AppError(failure.code, failure.message, { ...(failure.details as object | undefined), sync_id: data.id });
  }
}
