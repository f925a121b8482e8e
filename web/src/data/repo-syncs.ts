/** @module GitHub imports and their recorded runs (`repo_syncs`). */
import { toAppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export interface RepoSync {
  id: string;
  direction: "import" | "export";
  repo: string;
  branch: string | null;
  status: "PENDING" | "RUNNING" | "SUCCESS" | "FAILED";
  error_message: string | null;
  files_count: number | null;
  commit_sha: string | null;
  created_at: string;
}

export async function fetchRepoSyncs(projectId: string): Promise<RepoSync[]> {
  const { data, error } = await supabase().from("repo_syncs").select("id, direction, repo, branch, status, error_message, files_count, commit_sha, created_at").eq("project_id", projectId).order("created_at", { ascending: false }).limit(20);
  if (error) throw toAppError(error, "The sync history could not be loaded.");
  return data as RepoSync[];
}

export const importFromGitHub = (projectId: string, body: { repo: string; branch?: string; github_token?: string }): Promise<Result<{ sync_id: string; files_count: number; skipped: string[] }>> =>
  callFunction(`projects/${projectId}/import/github`, { method: "POST", body });
