/** @module The preview endpoints: create (caller's project), serve by token, and the service-role sweep. */
import { CreatePreviewRequest, SweepPreviewsRequest } from "../../shared/protocol/index.ts";
import { isServiceCall, type FunctionContext } from "../_shared/context.ts";
import { matchRoute, parse, readJson } from "../_shared/http.ts";
import { createPreview, servePreview, sweepPreviews } from "./sessions.ts";
import { AppError } from "../../shared/errors.ts";

/** Routes POST /preview, POST /preview/sweep and GET /preview/{token}. */
export async function routePreview(request: Request, context: FunctionContext): Promise<Response> {
  const { env } = context;
  const path = new URL(request.url).pathname;
  let params: Record<string, string> | null;
  if (request.method === "POST" && path.replace(/\/$/, "") === "/preview") {
    const body = parse(CreatePreviewRequest, await readJson(request));
    return createPreview(request, body.project_id, body.ttl_seconds, context);
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
