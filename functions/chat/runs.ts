/** @module Starting a run from a chat message: the pipeline for a build, the code agent on the existing files for a change. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { ChatIntent } from "../../shared/chat/intent.ts";
import { titleOf } from "../../shared/chat/intent.ts";
import { serviceClient, type FunctionEnv } from "../_shared/context.ts";
import { projectOutputs } from "../_shared/start-job.ts";
import { kickWorker } from "../_shared/worker-chain.ts";

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
  env: FunctionEnv,
  caller: SupabaseClient,
  thread: ChatThread,
  messageId: string,
  intent: Exclude<ChatIntent, "ask">,
  prompt: string,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<StartedRun> {
  const change = intent === "change" && thread.project_id !== null;
  const params = change
    ? { ...(await projectOutputs(caller, thread.project_id!)), instruction: prompt, input_context: { user_idea: prompt }, clarify: false }
    : { input_context: { user_idea: prompt }, clarify: false };
  const { data, error } = await serviceClient(env).rpc("start_chat_run", {
    p_thread_id: thread.id,
    p_message_id: messageId,
    p_agent_type: change ? "code" : "pipeline",
    p_params: params,
    p_project_title: titleOf(prompt),
    p_announcement: change ? "Applying the change to the existing files." : `Starting the build of "${titleOf(prompt)}".`,
  });
  if (error) throw new Error(`start_chat_run: ${error.message}`);
  const run = (data as StartedRun[])[0]!;
  waitUntil(kickWorker(env, run.job_id));
  return run;
}

/** Whether the project has any files yet (a build made them). */
export async function hasFiles(db: SupabaseClient, projectId: string | null): Promise<boolean> {
  if (!projectId) return false;
  const { count, error } = await db.from("project_files").select("id", { count: "exact", head: true }).eq("project_id", projectId);
  if (error) throw new Error(`counting files: ${error.message}`);
  return (count ?? 0) > 0;
}
