/** @module What one worker step of an order reads once: the order, its provider (with the key decrypted), its model and the settings. */
import { decryptSecret } from "./secrets.ts";
import type { ModelRow, OrderRow, ProviderRow, StudioStore } from "./store.ts";
import { AppError } from "../errors.ts";

export interface OrderContext {
  order: OrderRow;
  userId: string;
  provider: ProviderRow;
  model: ModelRow;
  apiKey: string | null;
  maxRetries: number;
}

export type Env = Record<string, string | undefined>;

/** The key of a provider: its stored (encrypted) key, else the environment variable its settings name. */
export async function apiKeyOf(store: StudioStore, env: Env, provider: ProviderRow): Promise<string | null> {
  const encrypted = await store.encryptedKey(provider.id);
  if (encrypted) return decryptSecret(env, encrypted);
  return provider.settings.key_env ? env[provider.settings.key_env] ?? null : null;
}

export async function readProviderAndModel(store: StudioStore, providerId: string, modelId: string): Promise<{ provider: ProviderRow | null; model: ModelRow | null }> {
  const [provider, model] = await Promise.all([store.provider(providerId), store.model(providerId, modelId)]);
  return { provider, model };
}

/** Everything an order's items need. */
export async function readOrderContext(store: StudioStore, env: Env, orderId: string, userId: string): Promise<OrderContext> {
  const order = await store.order(orderId);
  const { provider, model } = await readProviderAndModel(store, order.provider, order.model);
  if (!provider || !model) throw new AppError("not_found", `The order's provider ${order.provider} or model ${order.model} no longer exists.`);
  return { order, userId, provider, model, apiKey: await apiKeyOf(store, env, provider), maxRetries: await store.setting("studio.item_max_retries", 2) };
}
