/** @module The signed-in user's `profiles` row. */
import type { ProfileForm } from "../lib/forms.ts";
import { appError, toAppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export interface Profile {
  id: string;
  username: string | null;
  full_name: string | null;
  avatar_url: string | null;
  skill_level: "beginner" | "intermediate" | "advanced" | null;
}

const COLUMNS = "id, username, full_name, avatar_url, skill_level";

export async function fetchProfile(userId: string): Promise<Profile> {
  const { data, error } = await supabase().from("profiles").select(COLUMNS).eq("id", userId).maybeSingle();
  if (error) throw toAppError(error, "Your profile could not be loaded.");
  return (data as Profile | null) ?? { id: userId, username: null, full_name: null, avatar_url: null, skill_level: null };
}

/** Saves the profile (creating the row if the sign-up trigger did not). A taken username is a `conflict` in words. */
export async function saveProfile(userId: string, form: ProfileForm): Promise<Result<Profile>> {
  const { data, error } = await supabase().from("profiles").upsert({ id: userId, ...form }).select(COLUMNS).single();
  if (error) {
    if ((error as { code?: string }).code === "23505") return { data: null, error: appError("conflict", "That username is taken. Choose another.") };
    return { data: null, error: toAppError(error, "Your profile could not be saved.") };
  }
  return { data: data as Profile, error: null };
}

/** Saves the level Student mode pitches its lessons at (the Learn tab's choice). */
export async function saveSkillLevel(userId: string, level: NonNullable<Profile["skill_level"]>): Promise<Result<null>> {
  const { error } = await supabase().from("profiles").update({ skill_level: level }).eq("id", userId);
  return error ? { data: null, error: toAppError(error, "Your level could not be saved.") } : { data: null, error: null };
}
