/** @module `POST /worker/reembed` (service role): re-embedding stored vectors with the configured embedding model, a few batches per call. */
import { z } from "zod";

export const ReembedRequest = z.strictObject({
  /** Vectors per embeddings call. */
  batch_size: z.number().int().min(1).max(256).default(64),
  /** Batches in this call; keeps one call within the function's time limit. */
  max_batches: z.number().int().min(1).max(50).default(4),
});

/** Where the re-embedding stands after the call: `done` of `total` vectors are `model`'s; call again until `finished`. */
export const ReembedResponse = z.object({
  model: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  embedded: z.number().int(),
  remaining: z.object({ pattern_embeddings: z.number().int(), document_chunks: z.number().int() }),
  finished: z.boolean(),
});
