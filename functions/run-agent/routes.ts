/** @module POST /run-agent: one agent on a project (a pedagogy agent continues its mentor session), queued for the worker. */
import { RunAgentRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { mentorSession } from "./mentor-session.ts";
import { AppError } from "../../shared/errors.ts";

export async function routeRunAgent(request: Request, context: FunctionContext): Promise<Response> {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(RunAgentRequest, await readJson(request));
  const sessionId = body.input_context.session_id;
  if (sessionId && body.agent_type !== "pedagogy") throw new AppError("invalid_request", "input_context.session_id is for the pedagogy agent only.");
  const caller = await callerOf(context.env, request);
  const mentor = sessionId ? await mentorSession(caller, body.project_id, sessionId) : {};
  return startJob(caller, context, {
    projectId: body.project_id,
    agentType: body.agent_type,
    params: { input_context: body.input_context, ...mentor },
    withProjectOutputs: true,
  });
}
