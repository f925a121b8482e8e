/** @module The model a job runs with: the project's choice, else the owner's default, else the server's; with the owner's key when they added one. */
import { createLlmAgentModel, type AgentModel } from "../agents/index.ts";
import type { Usage } from "../jobs/types.ts";
import { meterProvider, sumUsage, toJobUsage, type LlmProvider } from "../llm/index.ts";
import { AppError } from "../errors.ts";
import { createOfflineAgentModel } from "../offline/model.ts";
import { textProviderFromEnv } from "../pipeline/model-from-env.ts";
import { decryptSecret } from "../studio/secrets.ts";
import { OFFLINE_MODEL, varsOf } from "./providers.ts";
import { refuseOverCap, withSpendCap } from "./spend-cap.ts";
import type { LlmChoice, LlmSettingsStore } from "./store.ts";

type Env = Record<string, string | undefined>;

/** The server's provider (CODEFORGE_LLM_PROVIDER) and the model it configures; `configured` false when a variable is missing. */
export function serverDefault(env: Env): LlmChoice & { configured: boolean } {
  const provider = env.CODEFORGE_LLM_PROVIDER?.trim() || "offline";
  try {
    return { provider, model: textProviderFromEnv(env)?.model ?? OFFLINE_MODEL, configured: true };
  } catch {
    return { provider, model: provider === "offline" ? OFFLINE_MODEL : (env[varsOf(provider).model] ?? ""), configured: false };
  }
}

/** The environment `selectProvider` reads for `choice`: the server's settings (base URLs, timeouts) with the choice and `apiKey` over them. */
export function providerEnv(env: Env, choice: LlmChoice, apiKey: string | null): Env {
  if (choice.provider === "offline") return { ...env, CODEFORGE_LLM_PROVIDER: "offline" };
  const vars = varsOf(choice.provider);
  return { ...env, CODEFORGE_LLM_PROVIDER: choice.provider, [vars.model]: choice.model, ...(apiKey ? { [vars.key]: apiKey } : {}) };
}

/** What `userId` chose for `projectId`: the project's choice, else their default, else the server's. */
async function wantedChoice(store: LlmSettingsStore, env: Env, userId: string, projectId: string | null): Promise<LlmChoice> {
  const chosen = (projectId ? await store.projectChoice(projectId) : null) ?? (await store.settings(userId)).default;
  if (chosen) return chosen;
  const { provider, model } = serverDefault(env);
  return { provider, model };
}

/**
 * The environment for `choice` with `userId`'s key for its provider when they
 * added one; else only the server's own provider may run it, with the server's key.
 */
async function keyedEnv(store: LlmSettingsStore, env: Env, userId: string, choice: LlmChoice): Promise<Env> {
  if (choice.provider === "offline") return providerEnv(env, choice, null);
  const sealed = await store.sealedKey(userId, choice.provider);
  if (sealed) return providerEnv(env, choice, await decryptSecret(env, sealed));
  if (serverDefault(env).provider !== choice.provider) {
    throw new AppError("provider_not_configured", `This project uses ${choice.provider} (${choice.model}) and there is no ${choice.provider} key: add one in Settings.`);
  }
  return providerEnv(env, choice, null);
}

/** What a job runs on: its agents' model, and the same provider for plans that call it directly; both capped by the owner's monthly cap. */
export interface JobModel {
  model: AgentModel;
  /** Null for the offline engine. */
  provider: LlmProvider | null;
  /** What this step's model calls have cost so far: recorded on the job when the step ends without completing its stage. */
  spent(): Usage;
}

/**
 * The job's model: the provider and model the job recorded on its first step
 * (recorded now if this is it), run with the owner's key for that provider
 * when they added one, metered, and refused once the owner's monthly cap is
 * reached. Null when the job has ended; the offline engine for a Studio order,
 * which names its own provider.
 */
export async function jobModel(store: LlmSettingsStore, env: Env, jobId: string): Promise<JobModel | null> {
  const { provider, model } = serverDefault(env);
  const job = await store.recordJobModel(jobId, { provider, model });
  if (!job) return null;
  const chosen = job.provider === null || job.model === null ? null : textProviderFromEnv(await keyedEnv(store, env, job.user_id, { provider: job.provider, model: job.model }));
  if (!chosen) return { model: createOfflineAgentModel(), provider: null, spent: () => toJobUsage(sumUsage([])) };
  const meter = meterProvider(chosen);
  const capped = withSpendCap(meter.provider, () => store.monthSpend(job.user_id), () => meter.totals().costUsd);
  return { model: createLlmAgentModel(capped), provider: capped, spent: () => toJobUsage(meter.totals()) };
}

/**
 * The environment a chat reply or a refactor by instruction for `userId` runs
 * with: the project's model, else their default, else the server's, with their
 * key. Refused once a paid model's monthly cap is reached.
 */
export async function userModelEnv(store: LlmSettingsStore, env: Env, userId: string, projectId: string | null): Promise<Env> {
  const choice = await wantedChoice(store, env, userId, projectId);
  if (choice.provider !== "offline") refuseOverCap(await store.monthSpend(userId));
  return keyedEnv(store, env, userId, choice);
}
