/** @module The preview endpoints: create (caller's project), serve by token, "Fix this" on an error it threw, and the service-role sweep. */
import { previewFixInstruction, previewFixTitle } from "../../shared/preview/fix-request.ts";
import { CreatePreviewRequest, PreviewFixRequest, SweepPreviewsRequest } from "../../shared/protocol/index.ts";
import { callerOf, isServiceCall, type FunctionContext } from "../_shared/context.ts";
import { matchRoute, parse, readJson } from "../_shared/http.ts";
import { startJob } from "../_shared/start-job.ts";
import { createPreview, servePreview, sweepPreviews } from "./sessions.ts";
import { AppError } from "../../shared/errors.ts";

/** Routes POST /preview, POST /preview/fix, POST /preview/sweep and GET /preview/{token}. */
export async function routePreview(request: Request, context: FunctionContext): Promise<Response> {
  const { env } = context;
  const path = new URL(request.url).pathname;
  let params: Record<string, string> | null;
  if (request.method === "POST" && path.replace(/\/$/, "") === "/preview") {
    const body = parse(CreatePreviewRequest, await readJson(request));
    return createPreview(request, body.project_id, body.ttl_seconds, context);
  }
  if (request.method === "POST" && path === "/preview/fix") {
    // A change request like any other: the code agent on the project's files, with the error as its instruction.
    const body = parse(PreviewFixRequest, await readJson(request));
    return startJob(await callerOf(env, request), context, {
      projectId: body.project_id,
      agentType: "code",
      params: { instruction: previewFixInstruction(body.error), input_context: { user_idea: previewFixTitle(body.error) }, clarify: false, preview_error: body.error },
      withProjectOutputs: true,
    });
  }
  if (request.method === "POST" && path === "/preview/sweep") {
    if (!isServiceCall(env, request)) throw new AppError("forbidden", "The sweeper is internal: service role only.");
    const body = parse(SweepPreviewsRequest, request.headers.get("content-type")?.includes("json") ? await readJson(request) : {});
    return sweepPreviews(env, body.soft_delete_after_seconds, body.purge_after_seconds);
  }
  if (request.method === "GET" && (params = matchRoute("/preview/:token", path))) {
    return servePreview(env, params.token!);
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${path}.`);
}
