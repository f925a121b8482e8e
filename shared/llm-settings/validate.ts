/** @module Checks a provider, a model and a key before anything is saved: each a 400 naming what is wrong. */
import { AppError } from "../errors.ts";
import { decryptSecret } from "../studio/secrets.ts";
import { serverDefault } from "./job-model.ts";
import { listModels } from "./model-list.ts";
import { CHOOSABLE_PROVIDERS, isChoosableProvider, isKeyProvider, isPricedModel, KEY_PROVIDERS, OFFLINE_MODEL, pricedModels, varsOf } from "./providers.ts";
import type { LlmChoice, LlmSettingsStore } from "./store.ts";

type Env = Record<string, string | undefined>;

export function requireKeyProvider(provider: string): void {
  if (!isKeyProvider(provider)) {
    throw new AppError("unknown_provider", `Unknown provider "${provider}": keys are for ${KEY_PROVIDERS.join(", ")}.`, { field: "provider" });
  }
}

function requireChoosable(provider: string, field: string): void {
  if (!isChoosableProvider(provider)) {
    throw new AppError("unknown_provider", `Unknown provider "${provider}": choose one of ${CHOOSABLE_PROVIDERS.join(", ")}.`, { field });
  }
}

/** The key a user's choice of `provider` is checked and run with: their own, else the server's when it is the server's provider; null when none. */
async function keyFor(store: LlmSettingsStore, env: Env, userId: string, provider: string): Promise<string | null> {
  const sealed = await store.sealedKey(userId, provider);
  if (sealed) return decryptSecret(env, sealed);
  return serverDefault(env).provider === provider ? (env[varsOf(provider).key] ?? null) : null;
}

/** The models `userId` may choose at `provider`: the price table's, and the provider's list when a key is at hand. */
export async function modelsFor(store: LlmSettingsStore, env: Env, userId: string, provider: string, fetcher?: typeof fetch): Promise<string[]> {
  requireChoosable(provider, "provider");
  if (provider === "offline") return [OFFLINE_MODEL];
  const key = await keyFor(store, env, userId, provider);
  const listed = key ? await listModels(provider, key, env, fetcher) : [];
  return [...new Set([...pricedModels(provider), ...listed])].sort();
}

/**
 * `choice` when `userId` may run it: a known provider, a model the price table
 * or the provider's own list names, and a key to run it with.
 * `fields` names the request's fields in the errors.
 */
export async function validateChoice(
  store: LlmSettingsStore,
  env: Env,
  userId: string,
  choice: LlmChoice,
  fields: { provider: string; model: string },
  fetcher?: typeof fetch,
): Promise<LlmChoice> {
  requireChoosable(choice.provider, fields.provider);
  if (choice.provider === "offline") {
    if (choice.model !== OFFLINE_MODEL) throw new AppError("unknown_model", `Unknown model "${choice.model}" for offline: its one model is ${OFFLINE_MODEL}.`, { field: fields.model });
    return choice;
  }
  const key = await keyFor(store, env, userId, choice.provider);
  if (!key) throw new AppError("provider_not_configured", `Add a ${choice.provider} key in Settings before choosing ${choice.provider}.`, { field: fields.provider });
  if (isPricedModel(choice.provider, choice.model)) return choice;
  const listed = await listModels(choice.provider, key, env, fetcher);
  if (!listed.includes(choice.model)) {
    throw new AppError("unknown_model", `Unknown model "${choice.model}" for ${choice.provider}: neither the price table nor ${choice.provider}'s model list names it.`, { field: fields.model });
  }
  return choice;
}
