/** @module Edge Function `run-pipeline` (seed 003 §5.2): research → wireframe → code → QA, queued and run in the background. */
import { ReviewGates, RunPipelineRequest } from "../../shared/protocol/index.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { handler, parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { AppError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;

Deno.serve(handler(async (request) => {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const body = parse(RunPipelineRequest, await readJson(request));
  return startJob(request, env, (promise) => EdgeRuntime.waitUntil(promise), {
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
}));
