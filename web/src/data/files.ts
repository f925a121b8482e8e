/** @module `project_files`: the list, one file's content, and saving with optimistic concurrency on `version` (each save a history version). */
import { appError, toAppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export interface FileSummary {
  id: string;
  path: string;
  language: string | null;
  version: number;
  updated_at: string;
}

export interface ProjectFile extends FileSummary {
  content: string | null;
}

const SUMMARY = "id, path, language, version, updated_at";

export async function fetchFileList(projectId: string): Promise<FileSummary[]> {
  const { data, error } = await supabase().from("project_files").select(SUMMARY).eq("project_id", projectId).order("path");
  if (error) throw toAppError(error, "The project's files could not be loaded.");
  return data as FileSummary[];
}

export async function fetchFile(projectId: string, path: string): Promise<ProjectFile | null> {
  const { data, error } = await supabase().from("project_files").select(`${SUMMARY}, content`).eq("project_id", projectId).eq("path", path).maybeSingle();
  if (error) throw toAppError(error, "The file could not be loaded.");
  return data as ProjectFile | null;
}

/**
 * Saves `content` as version `loaded.version + 1`, only if the file is still at
 * the version that was loaded, and records the change set in the project's
 * history (`save_project_file`: one transaction). A null answer means someone
 * else saved first: a `conflict` error, and nothing is overwritten.
 */
export async function saveFile(loaded: Pick<ProjectFile, "id" | "version">, content: string): Promise<Result<FileSummary & { manifest_version: number }>> {
  const { data, error } = await supabase().rpc("save_project_file", { p_file_id: loaded.id, p_content: content, p_expected_version: loaded.version });
  if (error) return { data: null, error: toAppError(error, "The file could not be saved.") };
  if (!data) return { data: null, error: appError("conflict", "This file changed elsewhere since you opened it. Reload it to see the latest version; copy your edits first if you want to keep them.") };
  return { data: data as FileSummary & { manifest_version: number }, error: null };
}
