/** @module The signed-in user's `notifications`: the latest, the unread count, marking read. */
import { toAppError } from "../lib/errors.ts";
import { supabase } from "../lib/supabase.ts";

export interface Notification {
  id: string;
  type: "job_completed" | "job_failed" | "review_requested" | "comment_added";
  payload: { project_id?: string; job_id?: string; agent_type?: string; error?: string; thread_id?: string; file_path?: string; line_start?: number; excerpt?: string; review_kind?: string };
  read_at: string | null;
  created_at: string;
}

export async function fetchNotifications(limit = 20): Promise<{ items: Notification[]; unread: number }> {
  const db = supabase();
  const [list, count] = await Promise.all([
    db.from("notifications").select("id, type, payload, read_at, created_at").order("created_at", { ascending: false }).limit(limit),
    db.from("notifications").select("id", { count: "exact", head: true }).is("read_at", null),
  ]);
  const error = list.error ?? count.error;
  if (error) throw toAppError(error, "The notifications could not be loaded.");
  return { items: list.data as Notification[], unread: count.count ?? 0 };
}

/** Marks the given notifications (or every unread one) read. */
export async function markRead(ids?: string[]): Promise<void> {
  let query = supabase().from("notifications").update({ read_at: new Date().toISOString() }).is("read_at", null);
  if (ids) query = query.in("id", ids);
  const { error } = await query;
  if (error) throw toAppError(error, "The notifications could not be marked read.");
}

/** A notification in words. */
export function describeNotification(n: Notification): string {
  const agent = n.payload.agent_type ?? "job";
  switch (n.type) {
    case "job_completed": return `The ${agent} job finished.`;
    case "job_failed": return `The ${agent} job failed${n.payload.error ? `: ${n.payload.error}` : "."}`;
    case "review_requested": return `A ${n.payload.review_kind ?? ""} review is waiting for you.`.replace("  ", " ");
    case "comment_added": return `New comment on ${n.payload.file_path ?? "a file"}${n.payload.line_start ? `:${n.payload.line_start}` : ""}: ${n.payload.excerpt ?? ""}`;
  }
}
