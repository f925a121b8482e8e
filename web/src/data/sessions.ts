/** @module Student mode: mentor sessions in `daily_sessions` (transcript, duration, concepts covered). */
import type { ChoiceFramework } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import type { Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

/** A transcript message as `daily_sessions.transcript` holds it (`role`, `content`); a mentor's answer also keeps its options and the one picked. */
export interface MentorMessage {
  role: "user" | "mentor";
  content: string;
  framework?: ChoiceFramework;
  /** The id of the framework's option the student chose. */
  chosen?: string;
}

export interface MentorSession {
  id: string;
  transcript: MentorMessage[];
  concepts_covered: string[];
  duration_minutes: number;
  created_at: string;
}

const COLUMNS = "id, transcript, concepts_covered, duration_minutes, created_at";

/** The project's sessions, newest first. */
export async function fetchSessions(projectId: string, limit = 10): Promise<MentorSession[]> {
  const { data, error } = await supabase().from("daily_sessions").select(COLUMNS).eq("project_id", projectId).order("created_at", { ascending: false }).limit(limit);
  if (error) throw toAppError(error, "Your mentor sessions could not be loaded.");
  return (data as MentorSession[]).map((session) => ({ ...session, transcript: session.transcript ?? [], concepts_covered: session.concepts_covered ?? [] }));
}

export async function createSession(projectId: string): Promise<Result<MentorSession>> {
  const { data, error } = await supabase().from("daily_sessions").insert({ project_id: projectId, transcript: [], concepts_covered: [] }).select(COLUMNS).single();
  if (error) return { data: null, error: toAppError(error, "The session could not be started.") };
  return { data: data as MentorSession, error: null };
}

export async function saveSession(session: Pick<MentorSession, "id" | "transcript" | "concepts_covered" | "duration_minutes">): Promise<Result<null>> {
  const { id, ...fields } = session;
  const { error } = await supabase().from("daily_sessions").update(fields).eq("id", id);
  if (error) return { data: null, error: toAppError(error, "The session could not be saved.") };
  return { data: null, error: null };
}
