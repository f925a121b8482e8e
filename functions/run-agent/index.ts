/** @module Edge Function `run-agent` (seed 003 §5.1): one agent on a project, queued and run in the background. */
import { RunAgentRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionEnv } from "../_shared/context.ts";
import { handler, parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { mentorSession } from "./mentor-session.ts";
import { AppError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;

Deno.serve(handler(async (request) => {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(RunAgentRequest, await readJson(request));
  const sessionId = body.input_context.session_id;
  if (sessionId && body.agent_type !== "pedagogy") throw new AppError("invalid_request", "input_context.session_id is for the pedagogy agent only.");
  const mentor = sessionId ? await mentorSession(await callerOf(env, request), body.project_id, sessionId) : {};
  return startJob(request, env, (promise) => EdgeRuntime.waitUntil(promise), {
    projectId: body.project_id,
    agentType: body.agent_type,
    params: { input_context: body.input_context, ...mentor },
    withProjectOutputs: true,
  });
}));
