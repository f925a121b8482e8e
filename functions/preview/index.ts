/**
 * @module Edge Function `preview` (seed 002 preview_sessions; verify_jwt off so
 * an iframe can load a token's page): `POST /preview` bundles a project the
 * caller owns, `GET /preview/:token` serves it until it expires,
 * `POST /preview/sweep` (service role, scheduled) cleans expired sessions up.
 */
import { z } from "zod";
import { isServiceCall, type FunctionEnv } from "../_shared/context.ts";
import { handler, matchRoute, parse, readJson } from "../_shared/http.ts";
import { createPreview, servePreview, sweepPreviews } from "./sessions.ts";
import { AppError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;

const CreatePreview = z.strictObject({
  project_id: z.guid(),
  /** How long the token works: 1 minute to 1 day (default 1 hour). */
  ttl_seconds: z.number().int().min(60).max(86_400).default(3_600),
});
const Sweep = z.strictObject({
  soft_delete_after_seconds: z.number().int().min(0).default(3_600),
  purge_after_seconds: z.number().int().min(0).default(86_400),
});

Deno.serve(handler(async (request) => {
  const path = new URL(request.url).pathname;
  let params: Record<string, string> | null;
  if (request.method === "POST" && path.replace(/\/$/, "") === "/preview") {
    const body = parse(CreatePreview, await readJson(request));
    return createPreview(env, request, body.project_id, body.ttl_seconds, (promise) => EdgeRuntime.waitUntil(promise));
  }
  if (request.method === "POST" && path === "/preview/sweep") {
    if (!isServiceCall(env, request)) throw new AppError("forbidden", "The sweeper is internal: service role only.");
    const body = parse(Sweep, request.headers.get("content-type")?.includes("json") ? await readJson(request) : {});
    return sweepPreviews(env, body.soft_delete_after_seconds, body.purge_after_seconds);
  }
  if (request.method === "GET" && (params = matchRoute("/preview/:token", path))) {
    return servePreview(env, params.token!);
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${path}.`);
}));
