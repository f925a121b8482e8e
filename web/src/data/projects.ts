/** @module Reads and writes of `projects` through supabase-js (RLS decides what the user sees). */
import type { ProjectForm } from "../lib/forms.ts";
import type { RequirementsDoc, WireframeSpec } from "../../../shared/protocol/index.ts";
import { appError, toAppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export type ProjectStatus = "planning" | "in-progress" | "building" | "completed" | "archived";

export interface ProjectSummary {
  id: string;
  title: string;
  description: string | null;
  mode: "builder" | "student";
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
}

export interface Project extends ProjectSummary {
  user_id: string;
  requirements_spec: RequirementsDoc | null;
  architecture_spec: WireframeSpec | null;
  tech_stack: string[] | null;
}

export const PROJECT_SUMMARY_COLUMNS = "id, title, description, mode, status, created_at, updated_at";
export const PROJECT_COLUMNS = `${PROJECT_SUMMARY_COLUMNS}, user_id, requirements_spec, architecture_spec, tech_stack`;

export const PROJECTS_PAGE_SIZE = 10;

/** One page of the user's projects, most recently active first, with the total. */
export async function fetchProjectsPage(page: number, pageSize = PROJECTS_PAGE_SIZE): Promise<{ rows: ProjectSummary[]; total: number }> {
  const from = (page - 1) * pageSize;
  const { data, count, error } = await supabase()
    .from("projects")
    .select(PROJECT_SUMMARY_COLUMNS, { count: "exact" })
    .order("updated_at", { ascending: false })
    .order("id")
    .range(from, from + pageSize - 1);
  if (error) throw toAppError(error, "Your projects could not be loaded.");
  return { rows: (data ?? []) as ProjectSummary[], total: count ?? 0 };
}

/** The project, or null when it does not exist or is not the user's. */
export async function fetchProject(id: string): Promise<Project | null> {
  const { data, error } = await supabase().from("projects").select(PROJECT_COLUMNS).eq("id", id).maybeSingle();
  if (error) throw toAppError(error, "The project could not be loaded.");
  return data as Project | null;
}

export async function createProject(userId: string, form: ProjectForm): Promise<Result<ProjectSummary>> {
  const { data, error } = await supabase()
    .from("projects")
    .insert({ user_id: userId, title: form.title, description: form.description || null, mode: form.mode })
    .select(PROJECT_SUMMARY_COLUMNS)
    .single();
  if (error) return { data: null, error: toAppError(error, "The project could not be created.") };
  return { data: data as ProjectSummary, error: null };
}

/** Archives (status `archived`) or restores (status `planning`) a project. */
export async function setProjectArchived(id: string, archived: boolean): Promise<Result<null>> {
  const { data, error } = await supabase().from("projects").update({ status: archived ? "archived" : "planning" }).eq("id", id).select("id");
  if (error) return { data: null, error: toAppError(error) };
  if (!data.length) return { data: null, error: appError("not_found", "The project no longer exists.") };
  return { data: null, error: null };
}

/** Deletes a project with its files, jobs and sessions (foreign keys cascade). */
export async function deleteProject(id: string): Promise<Result<null>> {
  const { error } = await supabase().from("projects").delete().eq("id", id);
  if (error) return { data: null, error: toAppError(error, "The project could not be deleted.") };
  return { data: null, error: null };
}
