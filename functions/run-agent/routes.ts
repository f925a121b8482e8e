/**
 * @module POST /run-agent: one agent on a project, queued for the worker; the
 * roadmap and pedagogy agents get the student's level, and a pedagogy agent continues its mentor session.
 */
import { RunAgentRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { mentorSession } from "./mentor-session.ts";
import { LEVELLED_AGENTS, skillLevelOf } from "./skill-level.ts";
import { AppError } from "../../shared/errors.ts";

export async function routeRunAgent(request: Request, context: FunctionContext): Promise<Response> {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(RunAgentRequest, await readJson(request));
  const { session_id: sessionId, skill_level: requested } = body.input_context;
  if (sessionId && body.agent_type !== "pedagogy") throw new AppError("invalid_request", "input_context.session_id is for the pedagogy agent only.");
  const levelled = LEVELLED_AGENTS.includes(body.agent_type);
  if (requested && !levelled) throw new AppError("invalid_request", "input_context.skill_level is for the roadmap and pedagogy agents only.");
  const caller = await callerOf(context.env, request);
  const mentor = sessionId ? await mentorSession(caller.db, body.project_id, sessionId) : {};
  const level = levelled ? { skill_level: await skillLevelOf(caller, requested) } : {};
  return startJob(caller, context, {
    projectId: body.project_id,
    agentType: body.agent_type,
    params: { input_context: body.input_context, ...mentor, ...level },
    withProjectOutputs: true,
  });
}
