/** @module The Studio's database access (orders, items, providers, settings, files), and its implementation over supabase-js with the service role. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { ParameterSet } from "./expand.ts";
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

export interface ItemRow {
  id: string;
  sequence_number: number;
  status: string;
  retry_count: number;
  generation_parameter_set: ParameterSet;
}

/** A stored file's columns, shared by every product with the same hash in a project. */
export interface StoredFile {
  file_path: string;
  thumbnail_paths: Record<string, string>;
  width: number | null;
  height: number | null;
}

export type LogLevel = "INFO" | "WARNING" | "ERROR";

/** What complete_order_item takes: the product's columns, the item's returned parameters, and the log line. */
export interface ItemCompletion {
  product: Record<string, unknown>;
  item: { actual_parameter_set: unknown; return_parameter_set: unknown; provider_request_id: string | null };
  logMessage: string;
  logDetails: Record<string, unknown>;
}

export interface StudioStore {
  order(orderId: string): Promise<OrderRow>;
  provider(providerId: string): Promise<ProviderRow | null>;
  model(providerId: string, modelId: string): Promise<ModelRow | null>;
  /** The provider's stored API key, still encrypted; null when none is stored. */
  encryptedKey(providerId: string): Promise<string | null>;
  /** A numeric system setting, or `fallback` when it is missing or not a number. */
  setting(key: string, fallback: number): Promise<number>;
  /** The order's items numbered `from`..`to` that still need work (pending or generating), in order. */
  openItems(orderId: string, from: number, to: number): Promise<ItemRow[]>;
  /** Marks the attempt started and logs it; false when the item was cancelled or finished meanwhile. */
  startAttempt(itemId: string, attempt: number, message: string): Promise<boolean>;
  /** A slot within the provider's concurrent and per-minute limits, held for `holdSeconds`; null when none is free. */
  acquireSlot(providerId: string, itemId: string, holdSeconds: number): Promise<number | null>;
  releaseSlot(slot: number, tokens: number | null): Promise<void>;
  /** A product of the project with this file hash (its file is reused), or null. */
  fileByHash(projectId: string, fileHash: string): Promise<StoredFile | null>;
  upload(path: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Writes the product and completes the item in one transaction; the product's id, or null when the item was cancelled meanwhile. */
  completeItem(itemId: string, completion: ItemCompletion): Promise<string | null>;
  /** Fails the item unless it was cancelled or finished meanwhile (then false). */
  failItem(itemId: string, message: string): Promise<boolean>;
  log(itemId: string, level: LogLevel, message: string, details: Record<string, unknown>): Promise<void>;
}

const BUCKET = "studio";

export class SupabaseStudioStore implements StudioStore {
  constructor(private readonly db: SupabaseClient) {}

  async order(orderId: string): Promise<OrderRow> {
    return dataOf("order", await this.db.from("orders").select("id, project_id, provider, model, status").eq("id", orderId).single()) as OrderRow;
  }

  async provider(providerId: string): Promise<ProviderRow | null> {
    return dataOf("provider", await this.db.from("providers").select("*").eq("id", providerId).maybeSingle()) as ProviderRow | null;
  }

  async model(providerId: string, modelId: string): Promise<ModelRow | null> {
    return dataOf("model", await this.db.from("models").select("*").eq("provider_id", providerId).eq("model_id", modelId).maybeSingle()) as ModelRow | null;
  }

  async encryptedKey(providerId: string): Promise<string | null> {
    const row = dataOf("provider key", await this.db.from("provider_secrets").select("api_key_encrypted").eq("provider_id", providerId).maybeSingle());
    return (row as { api_key_encrypted: string } | null)?.api_key_encrypted ?? null;
  }

  async setting(key: string, fallback: number): Promise<number> {
    const row = dataOf(`setting ${key}`, await this.db.from("system_settings").select("value").eq("key", key).maybeSingle());
    const value = Number((row as { value: unknown } | null)?.value);
    return Number.isFinite(value) ? value : fallback;
  }

  async openItems(orderId: string, from: number, to: number): Promise<ItemRow[]> {
    return dataOf("reading items", await this.db.from("order_items")
      .select("id, sequence_number, status, retry_count, generation_parameter_set")
      .eq("order_id", orderId).gte("sequence_number", from).lte("sequence_number", to)
      .in("status", ["pending", "generating"]).order("sequence_number")) as ItemRow[];
  }

  async startAttempt(itemId: string, attempt: number, message: string): Promise<boolean> {
    return dataOf("start attempt", await this.db.rpc("start_order_item_attempt", { p_item_id: itemId, p_attempt: attempt, p_message: message })) as boolean;
  }

  async acquireSlot(providerId: string, itemId: string, holdSeconds: number): Promise<number | null> {
    return dataOf("slot", await this.db.rpc("acquire_provider_slot", { p_provider: providerId, p_item: itemId, p_hold_seconds: holdSeconds })) as number | null;
  }

  async releaseSlot(slot: number, tokens: number | null): Promise<void> {
    dataOf("release slot", await this.db.rpc("release_provider_slot", { p_slot: slot, p_tokens: tokens }));
  }

  async fileByHash(projectId: string, fileHash: string): Promise<StoredFile | null> {
    return dataOf("dedupe", await this.db.from("products").select("file_path, thumbnail_paths, width, height")
      .eq("project_id", projectId).eq("file_hash", fileHash).limit(1).maybeSingle()) as StoredFile | null;
  }

  async upload(path: string, body: Uint8Array, contentType: string): Promise<void> {
    dataOf(`upload ${path}`, await this.db.storage.from(BUCKET).upload(path, body, { contentType, upsert: true }));
  }

  async completeItem(itemId: string, completion: ItemCompletion): Promise<string | null> {
    return dataOf("complete item", await this.db.rpc("complete_order_item", {
      p_item_id: itemId,
      p_product: completion.product,
      p_item: completion.item,
      p_log_message: completion.logMessage,
      p_log_details: completion.logDetails,
    })) as string | null;
  }

  async failItem(itemId: string, message: string): Promise<boolean> {
    const rows = dataOf("update item", await this.db.from("order_items")
      .update({ status: "failed", completed_at: new Date().toISOString(), error_message: message })
      .eq("id", itemId).in("status", ["pending", "generating"]).select("id"));
    return (rows as unknown[]).length > 0;
  }

  async log(itemId: string, level: LogLevel, message: string, details: Record<string, unknown>): Promise<void> {
    dataOf("log", await this.db.from("generation_logs").insert({ order_item_id: itemId, level, message, details }));
  }
}
