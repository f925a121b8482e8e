/** @module Generates one order item: a provider slot, the call, retries with logs, then the file, thumbnails and product. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { OrderContext } from "./context.ts";
import type { ParameterSet } from "./expand.ts";
import { adapterFor, isRetryable, providerError } from "./providers/index.ts";
import { sleep } from "./providers/http.ts";
import { sha256Hex, sniffMime, thumbnailsOf } from "./thumbnails.ts";
import { dataOf } from "../errors.ts";

export interface ItemRow {
  id: string;
  sequence_number: number;
  status: string;
  retry_count: number;
  generation_parameter_set: ParameterSet;
}

export type ItemOutcome = { sequence_number: number; status: "complete" | "failed" | "stopped"; product_id?: string; error?: string };

const BUCKET = "studio";
const SLOT_POLL_MS = 100;
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** Moves the item on, unless it was cancelled meanwhile (then false). */
async function updateItem(db: SupabaseClient, item: ItemRow, fields: Record<string, unknown>): Promise<boolean> {
  const rows = dataOf("update item", await db.from("order_items").update(fields).eq("id", item.id).in("status", ["pending", "generating"]).select("id"));
  return (rows as unknown[]).length > 0;
}

async function log(db: SupabaseClient, item: ItemRow, level: "INFO" | "WARNING" | "ERROR", message: string, details: Record<string, unknown> = {}) {
  dataOf("log", await db.from("generation_logs").insert({ order_item_id: item.id, level, message, details }));
}

/** Waits for a slot within the provider's concurrent and per-minute limits. */
async function acquireSlot(db: SupabaseClient, provider: string, itemId: string, signal: AbortSignal): Promise<number> {
  for (;;) {
    const slot = dataOf("slot", await db.rpc("acquire_provider_slot", { p_provider: provider, p_item: itemId, p_hold_seconds: 120 })) as number | null;
    if (slot !== null) return slot;
    await sleep(SLOT_POLL_MS, signal);
  }
}

/** Stores the file (once per hash and project) with its thumbnails; returns the product's columns. */
async function storeFile(db: SupabaseClient, context: OrderContext, bytes: Uint8Array, labelled?: string) {
  const fileHash = await sha256Hex(bytes);
  const mimeType = sniffMime(bytes) === "application/octet-stream" ? labelled ?? "application/octet-stream" : sniffMime(bytes);
  const folder = `${context.userId}/${context.order.project_id}`;
  const existing = dataOf("dedupe", await db.from("products").select("file_path, thumbnail_paths, width, height")
    .eq("project_id", context.order.project_id).eq("file_hash", fileHash).limit(1).maybeSingle()) as
    { file_path: string; thumbnail_paths: Record<string, string>; width: number | null; height: number | null } | null;
  if (existing) return { ...existing, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: true };
  const filePath = `${folder}/${fileHash}.${EXTENSIONS[mimeType] ?? "bin"}`;
  const upload = async (path: string, body: Uint8Array, contentType: string) =>
    dataOf(`upload ${path}`, await db.storage.from(BUCKET).upload(path, body, { contentType, upsert: true }));
  if (!mimeType.startsWith("image/")) {
    await upload(filePath, bytes, mimeType);
    return { file_path: filePath, thumbnail_paths: {}, width: null, height: null, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: false };
  }
  const { width, height, thumbnails } = await thumbnailsOf(bytes);
  const thumbnailPaths = Object.fromEntries(Object.keys(thumbnails).map((size) => [size, `${folder}/thumbs/${fileHash}-${size}.png`]));
  await Promise.all([
    upload(filePath, bytes, mimeType),
    ...Object.entries(thumbnails).map(([size, png]) => upload(thumbnailPaths[size]!, png, "image/png")),
  ]);
  return { file_path: filePath, thumbnail_paths: thumbnailPaths, width, height, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: false };
}

/**
 * Runs the item to complete or failed. A provider error is retried (after a
 * short backoff) up to `maxRetries` times unless it cannot help (bad key,
 * bad input); every attempt and its outcome lands in generation_logs.
 */
export async function runItem(db: SupabaseClient, context: OrderContext, item: ItemRow, signal: AbortSignal): Promise<ItemOutcome> {
  const adapter = adapterFor(context.provider.settings.kind);
  const stopped = { sequence_number: item.sequence_number, status: "stopped" } as const;
  for (let attempt = item.retry_count; ; attempt++) {
    if (signal.aborted) return stopped;
    const started_ = dataOf("start attempt", await db.rpc("start_order_item_attempt", {
      p_item_id: item.id, p_attempt: attempt, p_message: `Attempt ${attempt + 1} with ${context.provider.id}/${context.model.model_id}.`,
    })) as boolean;
    if (!started_) return stopped;
    const started = performance.now();
    let slot: number | null = null;
    try {
      if (!adapter) throw providerError(`CodeForge has no adapter for provider ${context.provider.id}.`, false);
      slot = await acquireSlot(db, context.provider.id, item.id, signal);
      const generated = await adapter.generate({
        model: context.model,
        parameters: item.generation_parameter_set,
        baseUrl: context.provider.api_base_url,
        apiKey: context.apiKey,
        signal,
      });
      await db.rpc("release_provider_slot", { p_slot: slot, p_tokens: generated.tokens ?? null });
      slot = null;
      const file = await storeFile(db, context, generated.bytes, generated.mimeType);
      const { deduplicated, ...columns } = file;
      const productId = dataOf("complete item", await db.rpc("complete_order_item", {
        p_item_id: item.id,
        p_product: {
          ...columns,
          project_id: context.order.project_id,
          type: columns.mime_type.startsWith("video/") ? "video" : columns.mime_type.startsWith("audio/") ? "audio" : "image",
          metadata: {
            provider: context.provider.id,
            model: context.model.model_id,
            order_id: context.order.id,
            sequence_number: item.sequence_number,
            parameters: item.generation_parameter_set,
            returned: generated.returned,
          },
        },
        p_item: { actual_parameter_set: generated.actual, return_parameter_set: generated.returned, provider_request_id: generated.requestId ?? null },
        p_log_message: deduplicated ? "Generated; identical to an earlier product, so its file is shared." : "Generated.",
        p_log_details: { attempt: attempt + 1, duration_ms: Math.round(performance.now() - started), file_hash: file.file_hash },
      })) as string | null;
      if (!productId) return stopped;
      return { sequence_number: item.sequence_number, status: "complete", product_id: productId };
    } catch (error) {
      if (slot !== null) await db.rpc("release_provider_slot", { p_slot: slot, p_tokens: null });
      if (signal.aborted) return stopped;
      const message = error instanceof Error ? error.message : String(error);
      const retryable = isRetryable(error);
      const last = !retryable || attempt >= context.maxRetries;
      await log(db, item, last ? "ERROR" : "WARNING", last ? `Failed: ${message}` : `Attempt ${attempt + 1} failed, retrying: ${message}`, {
        attempt: attempt + 1, retryable, duration_ms: Math.round(performance.now() - started),
      });
      if (last) {
        await updateItem(db, item, { status: "failed", completed_at: new Date().toISOString(), error_message: message });
        return { sequence_number: item.sequence_number, status: "failed", error: message };
      }
      await sleep(Math.min(2000, 100 * 2 ** attempt), signal).catch(() => undefined);
    }
  }
}
