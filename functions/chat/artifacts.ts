/** @module GET /chat/artifacts/:id — a stage artifact with its full content, a Storage bundle fetched on demand. */
import { readBundle } from "../../shared/artifacts/bundle-store.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { json } from "../_shared/http.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export async function readArtifact(request: Request, id: string, { env }: FunctionContext): Promise<Response> {
  const { db } = await callerOf(env, request);
  const { data, error } = await db.from("job_artifacts").select("id, job_id, stage, content, bundle_path, size_bytes, created_at").eq("id", id).maybeSingle();
  if (error) throw dbError(error, `reading artifact ${id}`);
  if (!data) throw new AppError("not_found", "No such artifact.");
  // The caller's own client: Storage RLS lets only the owner read the bundle.
  const content = data.bundle_path ? await readBundle(db, data.bundle_path) : data.content;
  return json({ ...data, content });
}
