/** @module Student mode: the project's learning roadmap. */
import type { RoadmapModule } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import { supabase } from "../lib/supabase.ts";

export interface Roadmap {
  id: string;
  modules: (RoadmapModule & { is_locked?: boolean })[];
  current_step_index: number;
  created_at: string;
}

/** The newest roadmap of the project, or null. */
export async function fetchRoadmap(projectId: string): Promise<Roadmap | null> {
  const { data, error } = await supabase()
    .from("learning_roadmaps")
    .select("id, modules, current_step_index, created_at")
    .eq("project_id", projectId)
    .order("created_at", { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw toAppError(error, "The roadmap could not be loaded.");
  return data as Roadmap | null;
}
