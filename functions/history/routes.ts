/** @module Project history (project_manifests, docs/architecture.md#review-gates-history-and-refactoring): the diff between two versions, and rollback to one (as a new version). */
import type { SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import { diffManifests, MANIFEST_COLUMNS, type Manifest } from "../../shared/history/index.ts";
import { ProjectIdParams, RollbackRequest } from "../../shared/protocol/index.ts";
import { callerOf, serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const version = z.preprocess((v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v), z.number().int().min(1));
const DiffQuery = z.strictObject({ from: version, to: version });

/** Routes GET /history/{project_id}/diff?from=&to= and POST /history/{project_id}/rollback. */
export async function routeHistory(request: Request, { env }: FunctionContext): Promise<Response> {
  const url = new URL(request.url);
  let params: Record<string, string> | null;
  if (request.method === "GET" && (params = matchRoute("/history/:project_id/diff", url.pathname))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const { from, to } = parse(DiffQuery, Object.fromEntries(url.searchParams), "query");
    const { db } = await callerOf(env, request);
    return json(await diff(db, project_id, from, to));
  }
  if (request.method === "POST" && (params = matchRoute("/history/:project_id/rollback", url.pathname))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const body = parse(RollbackRequest, await readJson(request));
    const { db } = await callerOf(env, request);
    await requireOwnProject(db, project_id);
    return json(await rollback(serviceClient(env), project_id, body.version));
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${url.pathname}.`);
}

/** Two versions compared through the caller's RLS; contents are checked against their hashes (409 when one does not match). */
async function diff(db: SupabaseClient, projectId: string, from: number, to: number) {
  const { data, error } = await db.from("project_manifests").select(MANIFEST_COLUMNS).eq("project_id", projectId).in("version", [from, to]);
  if (error) throw dbError(error, `reading manifests`);
  const manifests = data as Manifest[];
  const pick = (v: number) => manifests.find((m) => m.version === v) ?? (() => { throw new AppError("not_found", `The project has no version ${v}.`); })();
  const [before, after] = [pick(from), pick(to)];
  const read = async (hashes: string[]) => {
    if (!hashes.length) return new Map<string, string>();
    const { data: blobs, error: failed } = await db.from("project_blobs").select("hash, content").eq("project_id", projectId).in("hash", hashes);
    if (failed) throw dbError(failed, `reading contents`);
    return new Map((blobs as { hash: string; content: string }[]).map((b) => [b.hash, b.content]));
  };
  return { from, to, ...(await diffManifests(before.data.files, after.data.files, read)) };
}

async function rollback(service: SupabaseClient, projectId: string, target: number) {
  const { data, error } = await service.rpc("rollback_project", { p_project_id: projectId, p_version: target });
  if (error) throw dbError(error, `restoring version ${target}`);
  const manifest = data as Manifest;
  return { version: manifest.version, hash: manifest.hash, file_count: manifest.file_count, restored_from: target };
}
