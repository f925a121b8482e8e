/** @module The project's default review gates, kept in `projects.settings.review_gates`. */
import { ReviewGates } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export async function fetchReviewGates(projectId: string): Promise<ReviewGates> {
  const { data, error } = await supabase().from("projects").select("settings").eq("id", projectId).single();
  if (error) throw toAppError(error);
  const parsed = ReviewGates.safeParse((data.settings as Record<string, unknown> | null)?.review_gates);
  return parsed.success ? parsed.data : {};
}

/** Writes the gates into the settings, keeping the other settings as they are. */
export async function saveReviewGates(projectId: string, gates: ReviewGates): Promise<Result<null>> {
  const { data, error } = await supabase().from("projects").select("settings").eq("id", projectId).single();
  if (error) return { data: null, error: toAppError(error) };
  const settings = { ...((data.settings as Record<string, unknown> | null) ?? {}), review_gates: { design: !!gates.design, feature: !!gates.feature } };
  const { error: failed } = await supabase().from("projects").update({ settings }).eq("id", projectId);
  return failed ? { data: null, error: toAppError(failed, "The default could not be saved.") } : { data: null, error: null };
}
