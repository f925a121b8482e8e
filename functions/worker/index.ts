/**
 * @module Edge Function `worker` (internal, service role only): runs one stage of a
 * job per invocation and chains the next in a fresh invocation, so every call fits
 * the Edge Runtime's wall-clock limit. `POST /worker/sweep` requeues jobs whose
 * worker vanished, restarts queued ones and removes deleted rows' Storage objects (called on a schedule).
 */
import { z } from "zod";
import { BundlingJobStore } from "../../shared/artifacts/bundle-store.ts";
import { runNextStep } from "../../shared/jobs/worker.ts";
import { isServiceCall, serviceClient, type FunctionEnv } from "../_shared/context.ts";
import { textBroadcaster } from "../_shared/broadcast.ts";
import { handler, json, parse, readJson } from "../_shared/http.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { plansFor } from "./deps.ts";
import { removeStorageGarbage } from "./storage-garbage.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;
const service = serviceClient(env);
const store = new BundlingJobStore(service, Number(env.CODEFORGE_ARTIFACT_BUNDLE_BYTES ?? "") || undefined);
const plans = plansFor(env, service);
const WorkRequest = z.strictObject({ job_id: z.guid() });

async function step(jobId: string): Promise<void> {
  const broadcaster = textBroadcaster(env);
  try {
    const next = await runNextStep(jobId, {
      store,
      plans,
      worker: `worker-${crypto.randomUUID()}`,
      onText: (job, stage, delta) => broadcaster.push(job.id, stage, delta),
    });
    await broadcaster.flush();
    if (next === "more") await kickWorker(env, jobId);
  } catch (error) {
    // The lease runs out and the sweeper requeues the job; nothing is lost.
    console.error(`job ${jobId}: step failed:`, error);
  }
}

async function sweep(): Promise<Response> {
  const { data, error } = await service.rpc("sweep_agent_jobs");
  if (error) throw dbError(error, `sweep_agent_jobs`);
  const { data: queued, error: queuedError } = await service.from("agent_jobs").select("id").eq("status", "queued").lt("created_at", new Date(Date.now() - 5_000).toISOString());
  if (queuedError) throw dbError(queuedError, "listing queued jobs");
  for (const { id } of queued ?? []) EdgeRuntime.waitUntil(kickWorker(env, id));
  const storageRemoved = await removeStorageGarbage(service);
  return json({ ...(data?.[0] ?? { requeued: 0, failed: 0 }), restarted: queued?.length ?? 0, storage_removed: storageRemoved });
}

Deno.serve(handler(async (request) => {
  if (!isServiceCall(env, request)) throw new AppError("forbidden", "The worker is internal: service role only.");
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  if (new URL(request.url).pathname.endsWith("/sweep")) return sweep();
  const { job_id } = parse(WorkRequest, await readJson(request));
  EdgeRuntime.waitUntil(step(job_id));
  return json({ accepted: job_id }, 202);
}));
