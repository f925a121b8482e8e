/** @module Starting a run from a chat message: the pipeline for a build, the code agent on the existing files for a change. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { attachmentTexts, isTextAttachment, type AttachmentText } from "../../shared/chat/attachment-text.ts";
import type { ChatIntent } from "../../shared/chat/intent.ts";
import { titleOf } from "../../shared/chat/intent.ts";
import { serviceClient, type FunctionContext } from "../_shared/context.ts";
import { projectOutputs } from "../_shared/start-job.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export interface ChatThread {
  id: string;
  project_id: string | null;
  title: string;
}

export interface StartedRun {
  job_id: string;
  project_id: string;
}

/**
 * Queues the run `intent` asks for with one call to start_chat_run (project on
 * the first build, job, announcement: all or nothing) and starts the worker.
 * `caller` reads the project's files for a change, so RLS still decides.
 */
export async function startChatRun(
  { env, waitUntil }: FunctionContext,
  caller: SupabaseClient,
  thread: ChatThread,
  messageId: string,
  intent: Exclude<ChatIntent, "ask">,
  prompt: string,
): Promise<StartedRun> {
  const change = intent === "change" && thread.project_id !== null;
  const params = change
    ? { ...(await projectOutputs(caller, thread.project_id!)), instruction: prompt, input_context: { user_idea: prompt }, clarify: false }
    : { input_context: { user_idea: prompt, ...(await readTextAttachments(caller, messageId)) }, clarify: false };
  const { data, error } = await serviceClient(env).rpc("start_chat_run", {
    p_thread_id: thread.id,
    p_message_id: messageId,
    p_agent_type: change ? "code" : "pipeline",
    p_params: params,
    p_project_title: titleOf(prompt),
    p_announcement: change ? "Applying the change to the existing files." : `Starting the build of "${titleOf(prompt)}".`,
  });
  if (error) throw dbError(error, `start_chat_run`);
  const run = (data as StartedRun[])[0]!;
  waitUntil(kickWorker(env, run.job_id));
  return run;
}

/** The message's txt/md attachments, read through the caller's client (Storage RLS) and cut for the research input. */
async function readTextAttachments(caller: SupabaseClient, messageId: string): Promise<{ attachments?: AttachmentText[] }> {
  const { data, error } = await caller.from("message_attachments").select("storage_path, original_name, mime_type").eq("message_id", messageId).order("created_at").order("original_name");
  if (error) throw dbError(error, `reading attachments of ${messageId}`);
  const files: { name: string; text: string }[] = [];
  for (const row of (data ?? []).filter((a) => isTextAttachment(a.mime_type, a.original_name))) {
    const { data: blob, error: downloadError } = await caller.storage.from("attachments").download(row.storage_path);
    if (downloadError || !blob) throw new AppError("internal_error", `reading attachment ${row.storage_path}: ${downloadError?.message ?? "no body"}`);
    files.push({ name: row.original_name, text: await blob.text() });
  }
  const attachments = attachmentTexts(files);
  return attachments.length ? { attachments } : {};
}

/** Whether the project has any files yet (a build made them). */
export async function hasFiles(db: SupabaseClient, projectId: string | null): Promise<boolean> {
  if (!projectId) return false;
  const { count, error } = await db.from("project_files").select("id", { count: "exact", head: true }).eq("project_id", projectId);
  if (error) throw dbError(error, `counting files`);
  return (count ?? 0) > 0;
}
