/** @module POST /run-ai: a `docs` or `explain` job (an explain job on a comment thread reads the thread's file and lines), queued for the worker. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { AiJobRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { AppError, dbError } from "../../shared/errors.ts";

/** The thread's file and lines, read as the caller (404 unless it is on their project). */
async function threadAnchor(db: SupabaseClient, threadId: string, projectId: string) {
  const { data, error } = await db.from("comment_threads").select("file_path, line_start, line_end").eq("id", threadId).eq("project_id", projectId).maybeSingle();
  if (error) throw dbError(error, `reading thread ${threadId}`);
  if (!data) throw new AppError("not_found", "No such comment thread in this project.");
  return data as { file_path: string; line_start: number; line_end: number };
}

export async function routeRunAi(request: Request, context: FunctionContext): Promise<Response> {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(AiJobRequest, await readJson(request));
  const caller = await callerOf(context.env, request);
  const anchored = body.agent_type === "explain" && body.thread_id ? { ...body, ...(await threadAnchor(caller.db, body.thread_id, body.project_id)) } : body;
  const { project_id, agent_type, ...params } = anchored;
  return startJob(caller, context, { projectId: project_id, agentType: agent_type, params, withProjectOutputs: true });
}
