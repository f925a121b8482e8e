/** @module A job's fix-loop attempts as the owner reads them: its sandbox runs, the versions its fix passes wrote, and signed URLs of the route screenshots. */
import { toAppError } from "../lib/errors.ts";
import { supabase } from "../lib/supabase.ts";
import { SANDBOX_RUN_COLUMNS, type FixVersion, type SandboxRunRow } from "../timeline/attempts.ts";

/** The job's sandbox runs, oldest first, and the versions its fix passes saved. */
export async function fetchAttempts(jobId: string): Promise<{ runs: SandboxRunRow[]; versions: FixVersion[] }> {
  const [runs, versions] = await Promise.all([
    supabase().from("sandbox_runs").select(SANDBOX_RUN_COLUMNS).eq("job_id", jobId).order("attempt"),
    supabase().from("project_manifests").select("version, source").eq("job_id", jobId).like("source", "reviewer_pass_%").order("version"),
  ]);
  if (runs.error) throw toAppError(runs.error, "The sandbox attempts could not be loaded.");
  if (versions.error) throw toAppError(versions.error, "The fix versions could not be loaded.");
  return { runs: runs.data as SandboxRunRow[], versions: versions.data as FixVersion[] };
}

/** Signed URLs (an hour) of screenshots in the private bucket "sandbox", by object name; Storage signs only the owner's. */
export async function screenshotUrls(paths: string[]): Promise<Record<string, string>> {
  if (!paths.length) return {};
  const { data, error } = await supabase().storage.from("sandbox").createSignedUrls(paths, 3600);
  if (error) throw toAppError(error, "The screenshots could not be loaded.");
  return Object.fromEntries(data.flatMap((entry) => (entry.signedUrl && entry.path ? [[entry.path, entry.signedUrl]] : [])));
}
