/**
 * @module Stage outputs too large for a job_artifacts row: kept in the Storage bucket "artifacts", the row holding
 * `{ bundle_ref, size_bytes }`, and read back whenever the engine needs them.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import { AppError, dbError } from "../errors.ts";
import { JobStore } from "../jobs/store.ts";
import type { StageEffects, Usage } from "../jobs/types.ts";

/** Outputs larger than this (bytes of JSON) go to Storage: 256 KiB. */
export const BUNDLE_THRESHOLD_BYTES = 256 * 1024;
export const ARTIFACTS_BUCKET = "artifacts";

/** What a job_artifacts row holds in place of an output kept in Storage. */
export interface BundleRef {
  bundle_ref: string;
  size_bytes: number;
}

export const isBundleRef = (content: unknown): content is BundleRef =>
  typeof content === "object" && content !== null && typeof (content as BundleRef).bundle_ref === "string";

/** Where a stage's bundle lives: under the owner's folder, so Storage RLS lets the owner (and only them) read it. */
export const bundlePath = (userId: string, jobId: string, stage: string) => `${userId}/${jobId}/${stage}.json`;

/** Reads a bundle back; `db` may be the caller's client (RLS) or the service role. */
export async function readBundle(db: SupabaseClient, path: string): Promise<unknown> {
  const { data, error } = await db.storage.from(ARTIFACTS_BUCKET).download(path);
  if (error || !data) throw new AppError("internal_error", `reading artifact bundle ${path}: ${error?.message ?? "missing"}`);
  return JSON.parse(await data.text());
}

/**
 * The engine's store with large outputs offloaded: `completeStage` uploads an
 * output over the threshold and records its reference (the upload is removed
 * again if the stage is not recorded); `outputs` fetches bundles back.
 */
export class BundlingJobStore extends JobStore {
  constructor(private readonly service: SupabaseClient, private readonly thresholdBytes = BUNDLE_THRESHOLD_BYTES) {
    super(service);
  }

  override async outputs(jobId: string): Promise<Record<string, unknown>> {
    const outputs = await super.outputs(jobId);
    await Promise.all(Object.entries(outputs).map(async ([stage, content]) => {
      if (isBundleRef(content)) outputs[stage] = await readBundle(this.service, content.bundle_ref);
    }));
    return outputs;
  }

  override async completeStage(
    jobId: string,
    worker: string,
    stage: string,
    output: unknown,
    progress: number,
    effects?: StageEffects,
    usage?: Usage | null,
    durationMs?: number | null,
  ): Promise<boolean> {
    const text = JSON.stringify(output);
    const size = new TextEncoder().encode(text).byteLength;
    if (size <= this.thresholdBytes) return super.completeStage(jobId, worker, stage, output, progress, effects, usage, durationMs);

    const { data: job, error } = await this.service.from("agent_jobs").select("user_id").eq("id", jobId).single();
    if (error) throw dbError(error, `reading job ${jobId}`);
    const path = bundlePath(job.user_id as string, jobId, stage);
    const bucket = this.service.storage.from(ARTIFACTS_BUCKET);
    const upload = await bucket.upload(path, new Blob([text], { type: "application/json" }), { contentType: "application/json", upsert: true });
    if (upload.error) throw new AppError("internal_error", `storing the ${stage} bundle: ${upload.error.message}`);
    const ref: BundleRef = { bundle_ref: path, size_bytes: size };
    let recorded = false;
    try {
      recorded = await super.completeStage(jobId, worker, stage, ref, progress, effects, usage, durationMs);
      return recorded;
    } finally {
      if (!recorded) await bucket.remove([path]);
    }
  }
}
