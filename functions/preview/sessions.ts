/** @module Preview sessions: create (bundle in the background), serve by token, sweep (EXPIRED → SOFT_DELETED → PURGED). */
import { fileURLToPath } from "node:url";
import { bundlePreview } from "../../shared/preview/bundle.ts";
import { callerOf, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { corsHeaders, json } from "../_shared/http.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { AppError, dbError, isAppError } from "../../shared/errors.ts";

const BUCKET = "previews";

/** 256 random bits, base64url: the only key to a preview. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Where the packages the generated app imports are installed (the function's node_modules). */
const nodePaths = (env: FunctionEnv) => [env.PREVIEW_NODE_MODULES ?? fileURLToPath(new URL("../../node_modules", import.meta.url))];

async function build(env: FunctionEnv, session: { id: string; project_id: string }): Promise<void> {
  const service = serviceClient(env);
  try {
    const { data: files, error } = await service.from("project_files").select("path, content").eq("project_id", session.project_id);
    if (error) throw dbError(error, `reading the files`);
    if (!files.length) throw new AppError("no_files", "The project has no files yet: build it first.");
    const bundle = await bundlePreview(files.map((file) => ({ path: file.path, content: file.content ?? "" })), { nodePaths: nodePaths(env) });
    const path = `${session.project_id}/${session.id}/index.html`;
    const bytes = new TextEncoder().encode(bundle.html);
    const upload = await service.storage.from(BUCKET).upload(path, bytes, { contentType: "text/html; charset=utf-8", upsert: true });
    if (upload.error) throw dbError(upload.error, `storing the bundle`);
    await service.from("preview_sessions").update({ status: "READY", bundle_path: path, bundle_bytes: bytes.length, build_ms: Math.round(bundle.buildMs) })
      .eq("id", session.id).eq("status", "PENDING").throwOnError();
  } catch (error) {
    const userFault = isAppError(error) && error.status < 500;
    if (!userFault) console.error(`preview ${session.id}: bundling failed:`, error);
    const message = userFault ? (error as Error).message : "The preview could not be built (internal error).";
    await service.from("preview_sessions").update({ status: "FAILED", error: message }).eq("id", session.id).eq("status", "PENDING");
  }
}

/** Starts a preview of a project the caller owns (404 otherwise): 202 with the token; bundling goes on in the background. */
export async function createPreview(request: Request, projectId: string, ttlSeconds: number, { env, waitUntil }: FunctionContext): Promise<Response> {
  const caller = await callerOf(env, request);
  await requireOwnProject(caller.db, projectId);
  const { data, error } = await serviceClient(env)
    .from("preview_sessions")
    .insert({ project_id: projectId, user_id: caller.userId, preview_token: newToken(), expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString() })
    .select("id, project_id, preview_token, status, expires_at")
    .single();
  if (error) throw dbError(error, `creating the preview`);
  waitUntil(build(env, data));
  return json({ session_id: data.id, preview_token: data.preview_token, status: data.status, expires_at: data.expires_at }, 202);
}

/**
 * The bundle for `token`: 200 HTML when READY (sandboxed by CSP even when opened
 * directly), 202 while PENDING, 422 when bundling FAILED, 410 once expired,
 * 404 for an unknown token. Only the token is checked: it is the capability.
 */
export async function servePreview(env: FunctionEnv, token: string): Promise<Response> {
  const service = serviceClient(env);
  const { data: session, error } = await service.from("preview_sessions").select("id, status, bundle_path, error, expires_at").eq("preview_token", token).maybeSingle();
  if (error) throw dbError(error, `reading the preview`);
  if (!session) throw new AppError("not_found", "No such preview.");
  if (new Date(session.expires_at).getTime() <= Date.now() || !["PENDING", "READY", "FAILED"].includes(session.status)) {
    throw new AppError("expired", "This preview has expired.", { status: "EXPIRED" });
  }
  if (session.status === "PENDING") return json({ status: "PENDING" }, 202, { "retry-after": "1" });
  if (session.status === "FAILED") throw new AppError("build_failed", session.error ?? "The preview could not be built.", { status: "FAILED" });
  const download = await service.storage.from(BUCKET).download(session.bundle_path!);
  if (download.error) throw dbError(download.error, `reading the bundle`);
  return new Response(download.data.stream(), {
    headers: {
      ...corsHeaders,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "sandbox allow-scripts allow-forms allow-modals",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** One sweep: expire and soft-delete in SQL, remove due bundles from Storage, then mark each PURGED (once, whoever wins). */
export async function sweepPreviews(env: FunctionEnv, softDeleteAfter: number, purgeAfter: number): Promise<Response> {
  const service = serviceClient(env);
  const { data: due, error } = await service.rpc("sweep_preview_sessions", { p_soft_delete_after: `${softDeleteAfter} seconds`, p_purge_after: `${purgeAfter} seconds` });
  if (error) throw dbError(error, `sweep_preview_sessions`);
  let purged = 0;
  for (const session of (due ?? []) as { id: string; bundle_path: string | null }[]) {
    if (session.bundle_path) {
      const removed = await service.storage.from(BUCKET).remove([session.bundle_path]);
      if (removed.error) throw dbError(removed.error, `removing ${session.bundle_path}`);
    }
    const { data: won, error: purgeError } = await service.rpc("purge_preview_session", { p_session_id: session.id });
    if (purgeError) throw dbError(purgeError, `purge_preview_session`);
    if (won) purged++;
  }
  return json({ due: due?.length ?? 0, purged });
}
