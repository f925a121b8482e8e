/** @module The level a student-mode agent pitches its answer at: the request's, else the caller's profile's, else beginner. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { SkillLevel } from "../../shared/protocol/index.ts";
import { dbError } from "../../shared/errors.ts";

/** The agents that teach, and so follow the student's level. */
export const LEVELLED_AGENTS: readonly string[] = ["roadmap", "pedagogy"];

/** `requested` when the request names a level; otherwise the caller's `profiles.skill_level`, read through RLS. */
export async function skillLevelOf(caller: { db: SupabaseClient; userId: string }, requested: SkillLevel | undefined): Promise<SkillLevel> {
  if (requested) return requested;
  const { data, error } = await caller.db.from("profiles").select("skill_level").eq("id", caller.userId).maybeSingle();
  if (error) throw dbError(error, "reading the caller's skill level");
  return (data?.skill_level as SkillLevel | null | undefined) ?? "beginner";
}
