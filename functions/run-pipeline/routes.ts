/** @module POST /run-pipeline: research → wireframe → code → QA on a project, with its review gates, queued for the worker. */
import { ReviewGates, RunPipelineRequest } from "../../shared/protocol/index.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { AppError } from "../../shared/errors.ts";

export async function routeRunPipeline(request: Request, context: FunctionContext): Promise<Response> {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(RunPipelineRequest, await readJson(request));
  return startJob(await callerOf(context.env, request), context, {
    projectId: body.project_id,
    agentType: "pipeline",
    params: { input_context: body.input_context },
    // The project's review gates (settings.review_gates), overridden gate by gate by the run's.
    fromSettings: (settings) => {
      const project = ReviewGates.safeParse(settings.review_gates);
      const gates = { ...(project.success ? project.data : {}), ...body.review_gates };
      return Object.keys(gates).length ? { review_gates: gates } : {};
    },
  });
}
