/** @module Re-embedding the pattern library and the documents after a model change: in batches, resumable, only rows whose model differs from the current one. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dbError } from "../errors.ts";
import { patternText, type ArchitecturePattern } from "../patterns/library.ts";
import type { Embedder } from "./embedder.ts";

/** The tables that hold vectors. */
export const EMBEDDING_TABLES = ["pattern_embeddings", "document_chunks"] as const;
export type EmbeddingTable = (typeof EMBEDDING_TABLES)[number];

/** Where the rows to re-embed come from and go back to. */
export interface ReembedStore {
  /** Up to `limit` rows of `table` whose vector another model made, in a stable order, with the text to embed. */
  stale(table: EmbeddingTable, model: string, limit: number): Promise<{ id: string; text: string }[]>;
  /** Rows of `table` with a vector, and how many of them another model made. */
  count(table: EmbeddingTable, model: string): Promise<{ total: number; stale: number }>;
  /** Writes the vectors with `model`; returns how many rows were written. */
  save(table: EmbeddingTable, model: string, rows: { id: string; embedding: number[] }[]): Promise<number>;
}

/** Where a re-embedding stands: `done` of `total` vectors are the current model's. */
export interface ReembedProgress {
  model: string;
  total: number;
  done: number;
  /** Vectors re-embedded by this call. */
  embedded: number;
  remaining: Record<EmbeddingTable, number>;
  finished: boolean;
}

async function progressOf(store: ReembedStore, model: string, embedded: number): Promise<ReembedProgress> {
  const counts = await Promise.all(EMBEDDING_TABLES.map((table) => store.count(table, model)));
  const total = counts.reduce((sum, c) => sum + c.total, 0);
  const stale = counts.reduce((sum, c) => sum + c.stale, 0);
  const remaining = Object.fromEntries(EMBEDDING_TABLES.map((table, i) => [table, counts[i]!.stale])) as Record<EmbeddingTable, number>;
  return { model, total, done: total - stale, embedded, remaining, finished: stale === 0 };
}

/**
 * Re-embeds up to `maxBatches` batches of `batchSize` stale vectors (patterns
 * first, then document passages) with `embedder`, calling `onProgress` after
 * each batch. Stopping at any point loses nothing: the next call picks up the
 * rows still carrying another model.
 */
export async function reembed(
  store: ReembedStore,
  embedder: Embedder,
  options: { batchSize: number; maxBatches: number; onProgress?: (progress: ReembedProgress) => void },
): Promise<ReembedProgress> {
  let embedded = 0;
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const table = await firstStale(store, embedder.model);
    if (!table) break;
    const rows = await store.stale(table, embedder.model, options.batchSize);
    const vectors = await embedder.embed(rows.map((row) => row.text));
    embedded += await store.save(table, embedder.model, rows.map((row, i) => ({ id: row.id, embedding: vectors[i]! })));
    options.onProgress?.(await progressOf(store, embedder.model, embedded));
  }
  return progressOf(store, embedder.model, embedded);
}

async function firstStale(store: ReembedStore, model: string): Promise<EmbeddingTable | undefined> {
  for (const table of EMBEDDING_TABLES) if ((await store.count(table, model)).stale > 0) return table;
  return undefined;
}

/** The text a pattern row was embedded from (as the library and the learning loop write it); tolerant of sparse metadata. */
function patternRowText(projectType: string, metadata: Partial<ArchitecturePattern> | null): string {
  return patternText({ pages: [], components: [], entities: [], name: "", summary: "", ...metadata, project_type: projectType } as ArchitecturePattern);
}

/** The store over the database, with the service role (`store_embeddings` is service-role only). */
export function supabaseReembedStore(service: SupabaseClient): ReembedStore {
  return {
    async stale(table, model, limit) {
      const columns = table === "pattern_embeddings" ? "id, project_type, metadata" : "id, content";
      const { data, error } = await service.from(table).select(columns).not("embedding", "is", null).neq("embedding_model", model).order("id").limit(limit);
      if (error) throw dbError(error, `reading ${table} to re-embed`);
      return ((data ?? []) as unknown as { id: string; project_type?: string; metadata?: Partial<ArchitecturePattern>; content?: string }[]).map((row) => ({
        id: row.id,
        text: table === "pattern_embeddings" ? patternRowText(row.project_type!, row.metadata ?? null) : row.content!,
      }));
    },
    async count(table, model) {
      const all = await service.from(table).select("id", { count: "exact", head: true }).not("embedding", "is", null);
      if (all.error) throw dbError(all.error, `counting ${table}`);
      const stale = await service.from(table).select("id", { count: "exact", head: true }).not("embedding", "is", null).neq("embedding_model", model);
      if (stale.error) throw dbError(stale.error, `counting ${table} to re-embed`);
      return { total: all.count ?? 0, stale: stale.count ?? 0 };
    },
    async save(table, model, rows) {
      const { data, error } = await service.rpc("store_embeddings", { p_target: table, p_model: model, p_rows: rows });
      if (error) throw dbError(error, "store_embeddings");
      return data as number;
    },
  };
}
