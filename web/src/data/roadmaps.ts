/** @module Student mode: the project's learning roadmap. */
import type { RoadmapModule, SkillLevel } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import { supabase } from "../lib/supabase.ts";

export interface Roadmap {
  id: string;
  /** Null on roadmaps written before the roadmap was kept whole. */
  title: string | null;
  description: string | null;
  skill_level: SkillLevel | null;
  total_estimated_hours: number | null;
  /** `is_locked` follows `current_step_index` (a database trigger); absent on older roadmaps. */
  modules: (RoadmapModule & { is_locked?: boolean })[];
  current_step_index: number;
  created_at: string;
}

/** The newest roadmap of the project, or null. */
export async function fetchRoadmap(projectId: string): Promise<Roadmap | null> {
  const { data, error } = await supabase()
    .from("learning_roadmaps")
    .select("id, title, description, skill_level, total_estimated_hours, modules, current_step_index, created_at")
    .eq("project_id", projectId)
    .order("created_at", { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw toAppError(error, "The roadmap could not be loaded.");
  return data as Roadmap | null;
}

/**
 * Marks the current step done: moves `current_step_index` from `from` to `from + 1`,
 * only if nobody moved it meanwhile (another tab); false when it had moved.
 */
export async function completeStep(roadmapId: string, from: number): Promise<boolean> {
  const { data, error } = await supabase()
    .from("learning_roadmaps")
    .update({ current_step_index: from + 1 })
    .eq("id", roadmapId)
    .eq("current_step_index", from)
    .select("id");
  if (error) throw toAppError(error, "The step could not be saved.");
  return data.length > 0;
}

/** Where each module's steps start in the roadmap's flat step numbering, which `current_step_index` counts in. */
export function stepOffsets(modules: { steps: string[] }[]): number[] {
  let next = 0;
  return modules.map((module) => {
    const start = next;
    next += module.steps.length;
    return start;
  });
}
