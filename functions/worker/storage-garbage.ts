/** @module Part of the sweep: removes the Storage objects of deleted rows (queued in storage_garbage by triggers on the rows that own them). */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dbError } from "../../shared/errors.ts";

/** Removes up to `limit` queued objects per sweep and dequeues them; a bucket the Storage API fails on stays queued for the next sweep. */
export async function removeStorageGarbage(service: SupabaseClient, limit = 500): Promise<number> {
  const { data, error } = await service.from("storage_garbage").select("id, bucket, path").order("id").limit(limit);
  if (error) throw dbError(error, `reading storage_garbage`);
  const byBucket = new Map<string, { id: number; path: string }[]>();
  for (const row of data ?? []) byBucket.set(row.bucket, [...(byBucket.get(row.bucket) ?? []), row]);
  let removed = 0;
  for (const [bucket, rows] of byBucket) {
    // Removing an object that is gone already is no error, so a retried batch is harmless.
    const { error: removeError } = await service.storage.from(bucket).remove(rows.map((row) => row.path));
    if (removeError) {
      console.error(`removing ${rows.length} objects from ${bucket}: ${removeError.message}`);
      continue;
    }
    const { error: dequeueError } = await service.from("storage_garbage").delete().in("id", rows.map((row) => row.id));
    if (dequeueError) throw dbError(dequeueError, `dequeuing storage_garbage`);
    removed += rows.length;
  }
  return removed;
}
