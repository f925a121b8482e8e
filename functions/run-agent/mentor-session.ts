/** @module What a pedagogy job continues: the mentor session's transcript, read as the caller. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { MAX_HISTORY } from "../../shared/pipeline/params.ts";
import { AppError, dbError } from "../../shared/errors.ts";

/** Longest message carried into the job; the start of a long answer says what it was about. */
const MAX_MESSAGE = 2000;

/**
 * The session's latest messages (role and content only), through RLS: a
 * session of another project, or of another user, is a 404.
 */
export async function mentorSession(db: SupabaseClient, projectId: string, sessionId: string): Promise<{ history: { role: string; content: string }[] }> {
  const session = await db.from("daily_sessions").select("transcript").eq("id", sessionId).eq("project_id", projectId).maybeSingle();
  if (session.error) throw dbError(session.error, `reading mentor session ${sessionId}`);
  if (!session.data) throw new AppError("not_found", "No such mentor session in this project.");
  const transcript = Array.isArray(session.data.transcript) ? (session.data.transcript as unknown[]) : [];
  const history = transcript
    .filter((turn): turn is { role: "user" | "mentor"; content: string } => {
      const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
      return (role === "user" || role === "mentor") && typeof content === "string";
    })
    .slice(-MAX_HISTORY)
    .map(({ role, content }) => ({ role, content: content.slice(0, MAX_MESSAGE) }));
  return { history };
}
