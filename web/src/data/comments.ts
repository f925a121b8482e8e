/** @module `comment_threads` and `comments` of a file, posting a comment, and asking the AI in a thread (an explain job). */
import type { RunAgentResponse } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export interface Comment {
  id: string;
  author_type: "USER" | "AI";
  author_id: string | null;
  body: string;
  job_id: string | null;
  created_at: string;
}

export interface CommentThread {
  id: string;
  file_path: string;
  line_start: number;
  line_end: number;
  resolved: boolean;
  created_at: string;
  comments: Comment[];
}

export async function fetchThreads(projectId: string, path: string): Promise<CommentThread[]> {
  const { data, error } = await supabase()
    .from("comment_threads")
    .select("id, file_path, line_start, line_end, resolved, created_at, comments(id, author_type, author_id, body, job_id, created_at)")
    .eq("project_id", projectId)
    .eq("file_path", path)
    .order("line_start")
    .order("created_at", { referencedTable: "comments" });
  if (error) throw toAppError(error, "The comments could not be loaded.");
  return data as CommentThread[];
}

/** Opens a thread on lines `lineStart`..`lineEnd` with a first comment. */
export async function openThread(projectId: string, path: string, lineStart: number, lineEnd: number, body: string): Promise<Result<CommentThread>> {
  const db = supabase();
  const { data: thread, error } = await db.from("comment_threads").insert({ project_id: projectId, file_path: path, line_start: lineStart, line_end: lineEnd }).select("id, file_path, line_start, line_end, resolved, created_at").single();
  if (error) return { data: null, error: toAppError(error, "The thread could not be opened.") };
  const posted = await postComment(thread.id, body);
  if (posted.error) return posted;
  return { data: { ...(thread as Omit<CommentThread, "comments">), comments: [posted.data] }, error: null };
}

export async function postComment(threadId: string, body: string): Promise<Result<Comment>> {
  const db = supabase();
  const { data: session } = await db.auth.getSession();
  const { data, error } = await db.from("comments").insert({ thread_id: threadId, author_type: "USER", author_id: session.session?.user.id, body }).select("id, author_type, author_id, body, job_id, created_at").single();
  if (error) return { data: null, error: toAppError(error, "The comment could not be posted.") };
  return { data: data as Comment, error: null };
}

/** Runs an explain job on the thread's lines; its answer arrives as an AI comment. */
export const askAi = (projectId: string, threadId: string, question: string): Promise<Result<RunAgentResponse>> =>
  callFunction("run-ai", { method: "POST", body: { project_id: projectId, agent_type: "explain", thread_id: threadId, question } });

/** Runs a docs job: the README (no path) or one file's API page. */
export const writeDocs = (projectId: string, filePath?: string): Promise<Result<RunAgentResponse>> =>
  callFunction("run-ai", { method: "POST", body: { project_id: projectId, agent_type: "docs", ...(filePath ? { file_path: filePath } : {}) } });

export async function setThreadResolved(threadId: string, resolved: boolean): Promise<Result<null>> {
  const { error } = await supabase().from("comment_threads").update({ resolved }).eq("id", threadId);
  return error ? { data: null, error: toAppError(error, "The thread could not be updated.") } : { data: null, error: null };
}
