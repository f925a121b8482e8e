/** @module Generates one order item: a provider slot, the call, retries with logs, then the file, thumbnails and product. */
import type { OrderContext } from "./context.ts";
import { adapterFor, isRetryable, providerError } from "./providers/index.ts";
import { sleep } from "./providers/http.ts";
import type { ItemRow, StudioStore } from "./store.ts";
import { sha256Hex, sniffMime, thumbnailsOf } from "./thumbnails.ts";

export type ItemOutcome = { sequence_number: number; status: "complete" | "failed" | "stopped"; product_id?: string; error?: string };

const SLOT_POLL_MS = 100;
const SLOT_HOLD_SECONDS = 120;
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** Waits for a slot within the provider's concurrent and per-minute limits. */
async function acquireSlot(store: StudioStore, provider: string, itemId: string, signal: AbortSignal): Promise<number> {
  for (;;) {
    const slot = await store.acquireSlot(provider, itemId, SLOT_HOLD_SECONDS);
    if (slot !== null) return slot;
    await sleep(SLOT_POLL_MS, signal);
  }
}

/** Stores the file (once per hash and project) with its thumbnails; returns the product's columns. */
async function storeFile(store: StudioStore, context: OrderContext, bytes: Uint8Array, labelled?: string) {
  const fileHash = await sha256Hex(bytes);
  const mimeType = sniffMime(bytes) === "application/octet-stream" ? labelled ?? "application/octet-stream" : sniffMime(bytes);
  const folder = `${context.userId}/${context.order.project_id}`;
  const existing = await store.fileByHash(context.order.project_id, fileHash);
  if (existing) return { ...existing, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: true };
  const filePath = `${folder}/${fileHash}.${EXTENSIONS[mimeType] ?? "bin"}`;
  if (!mimeType.startsWith("image/")) {
    await store.upload(filePath, bytes, mimeType);
    return { file_path: filePath, thumbnail_paths: {}, width: null, height: null, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: false };
  }
  const { width, height, thumbnails } = await thumbnailsOf(bytes);
  const thumbnailPaths = Object.fromEntries(Object.keys(thumbnails).map((size) => [size, `${folder}/thumbs/${fileHash}-${size}.png`]));
  await Promise.all([
    store.upload(filePath, bytes, mimeType),
    ...Object.entries(thumbnails).map(([size, png]) => store.upload(thumbnailPaths[size]!, png, "image/png")),
  ]);
  return { file_path: filePath, thumbnail_paths: thumbnailPaths, width, height, file_hash: fileHash, file_size: bytes.length, mime_type: mimeType, deduplicated: false };
}

/**
 * Runs the item to complete or failed. A provider error is retried (after a
 * short backoff) up to `maxRetries` times unless it cannot help (bad key,
 * bad input); every attempt and its outcome lands in generation_logs.
 */
export async function runItem(store: StudioStore, context: OrderContext, item: ItemRow, signal: AbortSignal): Promise<ItemOutcome> {
  const adapter = adapterFor(context.provider.settings.kind);
  const stopped = { sequence_number: item.sequence_number, status: "stopped" } as const;
  for (let attempt = item.retry_count; ; attempt++) {
    if (signal.aborted) return stopped;
    const started_ = await store.startAttempt(item.id, attempt, `Attempt ${attempt + 1} with ${context.provider.id}/${context.model.model_id}.`);
    if (!started_) return stopped;
    const started = performance.now();
    let slot: number | null = null;
    try {
      if (!adapter) throw providerError(`CodeForge has no adapter for provider ${context.provider.id}.`, false);
      slot = await acquireSlot(store, context.provider.id, item.id, signal);
      const generated = await adapter.generate({
        model: context.model,
        parameters: item.generation_parameter_set,
        baseUrl: context.provider.api_base_url,
        apiKey: context.apiKey,
        signal,
      });
      await store.releaseSlot(slot, generated.tokens ?? null);
      slot = null;
      const file = await storeFile(store, context, generated.bytes, generated.mimeType);
      const { deduplicated, ...columns } = file;
      const productId = await store.completeItem(item.id, {
        product: {
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
        item: { actual_parameter_set: generated.actual, return_parameter_set: generated.returned, provider_request_id: generated.requestId ?? null },
        logMessage: deduplicated ? "Generated; identical to an earlier product, so its file is shared." : "Generated.",
        logDetails: { attempt: attempt + 1, duration_ms: Math.round(performance.now() - started), file_hash: file.file_hash },
      });
      if (!productId) return stopped;
      return { sequence_number: item.sequence_number, status: "complete", product_id: productId };
    } catch (error) {
      // The slot's hold runs out on its own if this release fails too; the item's own failure is what to report.
      if (slot !== null) await store.releaseSlot(slot, null).catch((failure) => console.error(`item ${item.id}: releasing slot ${slot}:`, failure));
      if (signal.aborted) return stopped;
      const message = error instanceof Error ? error.message : String(error);
      const retryable = isRetryable(error);
      const last = !retryable || attempt >= context.maxRetries;
      await store.log(item.id, last ? "ERROR" : "WARNING", last ? `Failed: ${message}` : `Attempt ${attempt + 1} failed, retrying: ${message}`, {
        attempt: attempt + 1, retryable, duration_ms: Math.round(performance.now() - started),
      });
      if (last) {
        await store.failItem(item.id, message);
        return { sequence_number: item.sequence_number, status: "failed", error: message };
      }
      await sleep(Math.min(2000, 100 * 2 ** attempt), signal).catch(() => undefined);
    }
  }
}
