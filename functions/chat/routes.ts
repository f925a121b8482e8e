/** @module The chat endpoints, routed by method and path. */
import { IdParams } from "../../shared/chat/api.ts";
import type { FunctionContext } from "../_shared/context.ts";
import { matchRoute, parse } from "../_shared/http.ts";
import { readArtifact } from "./artifacts.ts";
import { registerDocument } from "./documents.ts";
import { retryMessage, sendMessage } from "./messages.ts";
import { AppError } from "../../shared/errors.ts";

/** Routes a request under /chat to its endpoint. */
export async function routeChat(request: Request, context: FunctionContext): Promise<Response> {
  const path = new URL(request.url).pathname;
  const { method } = request;
  let params: Record<string, string> | null;
  if (method === "POST" && (params = matchRoute("/chat/threads/:id/messages", path))) return sendMessage(request, parse(IdParams, params, "thread id").id, context);
  if (method === "POST" && (params = matchRoute("/chat/messages/:id/retry", path))) return retryMessage(request, parse(IdParams, params, "message id").id, context);
  if (method === "POST" && matchRoute("/chat/documents", path)) return registerDocument(request, context);
  if (method === "GET" && (params = matchRoute("/chat/artifacts/:id", path))) return readArtifact(request, parse(IdParams, params, "artifact id").id, context);
  throw new AppError("not_found", `No endpoint ${method} ${path}.`);
}
