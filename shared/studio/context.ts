/** @module What one worker step of an order reads once: the order, its provider (with the key decrypted), its model and the settings. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { decryptSecret } from "./secrets.ts";
import { dataOf } from "../errors.ts";

export interface ProviderRow {
  id: string;
  name: string;
  api_base_url: string | null;
  is_enabled: boolean;
  rate_limit_requests: number | null;
  concurrent_limit: number | null;
  settings: { kind?: string; key_env?: string };
}

export interface ModelRow {
  id: string;
  provider_id: string;
  model_id: string;
  name: string;
  family: string | null;
  modality: string;
  version: string | null;
  is_available: boolean;
  parameter_schema: Record<string, unknown>;
}

export interface OrderRow {
  id: string;
  project_id: string;
  provider: string;
  model: string;
  status: string;
}

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
export async function apiKeyOf(db: SupabaseClient, env: Env, provider: ProviderRow): Promise<string | null> {
  const secret = dataOf("provider key", await db.from("provider_secrets").select("api_key_encrypted").eq("provider_id", provider.id).maybeSingle()) as
    { api_key_encrypted: string } | null;
  if (secret) return decryptSecret(env, secret.api_key_encrypted);
  return provider.settings.key_env ? env[provider.settings.key_env] ?? null : null;
}

export async function readSetting(db: SupabaseClient, key: string, fallback: number): Promise<number> {
  const row = dataOf(`setting ${key}`, await db.from("system_settings").select("value").eq("key", key).maybeSingle());
  const value = Number((row as { value: unknown } | null)?.value);
  return Number.isFinite(value) ? value : fallback;
}

export async function readProviderAndModel(db: SupabaseClient, providerId: string, modelId: string): Promise<{ provider: ProviderRow | null; model: ModelRow | null }> {
  const provider = dataOf("provider", await db.from("providers").select("*").eq("id", providerId).maybeSingle()) as ProviderRow | null;
  const model = dataOf("model", await db.from("models").select("*").eq("provider_id", providerId).eq("model_id", modelId).maybeSingle()) as ModelRow | null;
  return { provider, model };
}

/** Everything an order's items need, read with the service role. */
export async function readOrderContext(db: SupabaseClient, env: Env, orderId: string, userId: string): Promise<OrderContext> {
  const order = dataOf("order", await db.from("orders").select("id, project_id, provider, model, status").eq("id", orderId).single()) as OrderRow;
  const { provider, model } = await readProviderAndModel(db, order.provider, order.model);
  if (!provider || !model) throw new Error(`The order's provider ${order.provider} or model ${order.model} no longer exists.`);
  return { order, userId, provider, model, apiKey: await apiKeyOf(db, env, provider), maxRetries: await readSetting(db, "studio.item_max_retries", 2) };
}
