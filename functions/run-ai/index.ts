/** @module Edge Function `run-ai` (seed 002 ai_jobs): a `docs` job (README or one file's API page) or an `explain` job (a line range, optionally answering in a comment thread). */
import { AiJobRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionEnv } from "../_shared/context.ts";
import { handler, parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;

/** The thread's file and lines, read as the caller (404 unless it is on their project). */
async function threadAnchor(request: Request, threadId: string, projectId: string) {
  const { db } = await callerOf(env, request);
  const { data, error } = await db.from("comment_threads").select("file_path, line_start, line_end").eq("id", threadId).eq("project_id", projectId).maybeSingle();
  if (error) throw dbError(error, `reading thread ${threadId}`);
  if (!data) throw new AppError("not_found", "No such comment thread in this project.");
  return data as { file_path: string; line_start: number; line_end: number };
}

Deno.serve(handler(async (request) => {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(AiJobRequest, await readJson(request));
  const { project_id, agent_type, ...rest } = body;
  const params = agent_type === "explain" && rest.thread_id ? { ...rest, ...(await threadAnchor(request, rest.thread_id, project_id)) } : rest;
  return startJob(request, env, (promise) => EdgeRuntime.waitUntil(promise), { projectId: project_id, agentType: agent_type, params, withProjectOutputs: true });
}));
