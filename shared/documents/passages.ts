/** @module Whether a project has document passages to search, so a question is embedded only when there is something to compare it with. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dbError } from "../errors.ts";

/** True when `document_chunks` holds passages of the project that `db` may read. */
export async function hasPassages(db: SupabaseClient, projectId: string): Promise<boolean> {
  const { count, error } = await db.from("document_chunks").select("id", { count: "exact", head: true }).eq("project_id", projectId);
  if (error) throw dbError(error, "counting the project's document passages");
  return (count ?? 0) > 0;
}
