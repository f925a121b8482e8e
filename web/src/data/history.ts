/** @module A project's history: its versions (manifests, each checked against its integrity hash), diffs between two, and rollback. */
import { diffManifests, manifestProblems, MANIFEST_COLUMNS, type Manifest, type ManifestDiff } from "../../../shared/history/index.ts";
import { toAppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

/** A version as the History view lists it: the manifest and why it cannot be trusted (empty when intact). */
export interface Version extends Manifest {
  problems: string[];
}

/** Every version of the project, newest first, each checked. */
export async function fetchVersions(projectId: string): Promise<Version[]> {
  const { data, error } = await supabase().from("project_manifests").select(MANIFEST_COLUMNS).eq("project_id", projectId).order("version", { ascending: false }).limit(200);
  if (error) throw toAppError(error, "The project's history could not be loaded.");
  return Promise.all((data as Manifest[]).map(async (manifest) => ({ ...manifest, problems: await manifestProblems(manifest) })));
}

/** Contents by hash, from the project's history. */
async function readBlobs(projectId: string, hashes: string[]): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 100) {
    const { data, error } = await supabase().from("project_blobs").select("hash, content").eq("project_id", projectId).in("hash", hashes.slice(i, i + 100));
    if (error) throw toAppError(error, "The file contents could not be loaded.");
    for (const blob of data as { hash: string; content: string }[]) contents.set(blob.hash, blob.content);
  }
  return contents;
}

/** What changed from `before` to `after` (contents checked against their hashes: a mismatch throws). */
export const diffVersions = (projectId: string, before: Manifest, after: Manifest): Promise<ManifestDiff> =>
  diffManifests(before.data.files, after.data.files, (hashes) => readBlobs(projectId, hashes));

/** Restores the files of `version` as a new version (refused with 409 when that version fails its integrity check). */
export const rollbackTo = (projectId: string, version: number): Promise<Result<{ version: number; restored_from: number }>> =>
  callFunction(`history/${projectId}/rollback`, { method: "POST", body: { version } });
