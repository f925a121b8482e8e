/** @module The worker's endpoints (service role only): POST /worker runs one step of a job, POST /worker/sweep requeues and cleans up. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import { BundlingJobStore } from "../../shared/artifacts/bundle-store.ts";
import { runNextStep } from "../../shared/jobs/worker.ts";
import { jobModel } from "../../shared/llm-settings/job-model.ts";
import { LlmSettingsStore } from "../../shared/llm-settings/store.ts";
import { isServiceCall, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { textBroadcaster } from "../_shared/broadcast.ts";
import { json, parse, readJson } from "../_shared/http.ts";
import { kickWorker } from "../_shared/worker-chain.ts";
import { plansFor } from "./deps.ts";
import { reembedRoute } from "./reembed.ts";
import { removeStorageGarbage } from "./storage-garbage.ts";
import { AppError, dbError, isAppError } from "../../shared/errors.ts";

const WorkRequest = z.strictObject({ job_id: z.guid() });

interface Engine {
  service: SupabaseClient;
  store: BundlingJobStore;
  settings: LlmSettingsStore;
}

/** The service client and stores, built once per instance (the environment does not change). */
let engine: Engine | undefined;
function engineOf(env: FunctionEnv): Engine {
  if (engine) return engine;
  const service = serviceClient(env);
  const store = new BundlingJobStore(service, Number(env.CODEFORGE_ARTIFACT_BUNDLE_BYTES ?? "") || undefined);
  return (engine = { service, store, settings: new LlmSettingsStore(service) });
}

/** The plans for the job, on its owner's provider and model, and what their calls cost; null when the job has ended. */
async function plansOfJob(env: FunctionEnv, { service, store, settings }: Engine, jobId: string) {
  try {
    const job = await jobModel(settings, env, jobId);
    return job && { plans: plansFor(env, service, job), spent: job.spent };
  } catch (error) {
    if (!isAppError(error) || error.code === "internal_error") throw error;
    // No usable model (a deleted key, a provider the server lacks): the job fails saying so.
    const worker = `model-check-${crypto.randomUUID()}`;
    if (await store.claim(jobId, worker, 10)) await store.finish(jobId, worker, "failed", undefined, (error as Error).message);
    return null;
  }
}

async function step(env: FunctionEnv, jobId: string): Promise<void> {
  const broadcaster = textBroadcaster(env);
  try {
    const model = await plansOfJob(env, engineOf(env), jobId);
    if (!model) return;
    const { store } = engineOf(env);
    const next = await runNextStep(jobId, {
      store,
      ...model,
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

async function sweep({ env, waitUntil }: FunctionContext): Promise<Response> {
  const { service } = engineOf(env);
  const { data, error } = await service.rpc("sweep_agent_jobs");
  if (error) throw dbError(error, `sweep_agent_jobs`);
  const { data: queued, error: queuedError } = await service.from("agent_jobs").select("id").eq("status", "queued").lt("created_at", new Date(Date.now() - 5_000).toISOString());
  if (queuedError) throw dbError(queuedError, "listing queued jobs");
  for (const { id } of queued ?? []) waitUntil(kickWorker(env, id));
  const storageRemoved = await removeStorageGarbage(service);
  return json({ ...(data?.[0] ?? { requeued: 0, failed: 0 }), restarted: queued?.length ?? 0, storage_removed: storageRemoved });
}

export async function routeWorker(request: Request, context: FunctionContext): Promise<Response> {
  if (!isServiceCall(context.env, request)) throw new AppError("forbidden", "The worker is internal: service role only.");
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const path = new URL(request.url).pathname;
  if (path.endsWith("/sweep")) return sweep(context);
  if (path.endsWith("/reembed")) return reembedRoute(request, context);
  const { job_id } = parse(WorkRequest, await readJson(request));
  context.waitUntil(step(context.env, job_id));
  return json({ accepted: job_id }, 202);
}
