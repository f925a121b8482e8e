/** @module Retention ("Cleanup Jobs", docs/architecture.md#studio-batch-media-generation): purge expired rows, then remove the Storage files nothing references any more. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { SupabaseStudioStore } from "../../shared/studio/store.ts";
import { dbError } from "../../shared/errors.ts";

const BUCKET = "studio";

export async function cleanup(service: SupabaseClient): Promise<Record<string, unknown>> {
  const { data: purged, error } = await service.rpc("studio_purge_expired");
  if (error) throw dbError(error, `studio_purge_expired`);
  const grace = await new SupabaseStudioStore(service).setting("retention.orphan_grace_seconds", 3600);
  const { data: orphans, error: orphanError } = await service.rpc("studio_orphaned_files", { p_grace_seconds: grace });
  if (orphanError) throw dbError(orphanError, `studio_orphaned_files`);
  const freed = purged.files_to_remove as string[];
  const orphaned = ((orphans ?? []) as string[]).filter((name) => !freed.includes(name));
  const files = [...freed, ...orphaned];
  for (let i = 0; i < files.length; i += 100) {
    const { error: removeError } = await service.storage.from(BUCKET).remove(files.slice(i, i + 100));
    if (removeError) throw dbError(removeError, `removing files`);
  }
  const { files_to_remove: _, ...counts } = purged as Record<string, unknown>;
  return { ...counts, files_removed: files.length, orphans_removed: orphaned.length };
}
