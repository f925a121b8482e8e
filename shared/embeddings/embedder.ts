/** @module The one place that decides how text is embedded: the configured provider's embedding model when it has one, else the offline hashing embedder. */
import { AppError } from "../errors.ts";
import { selectProvider } from "../llm/select-provider.ts";
import type { LlmProvider } from "../llm/types.ts";
import { EMBEDDING_DIMENSIONS, embedText } from "./feature-hashing.ts";

/** The name stored with every vector the offline feature-hashing embedder made. */
export const HASHING_EMBEDDING_MODEL = "feature-hashing-v1";

/** Text to vectors with a known model; every vector stored or searched carries `model`. */
export interface Embedder {
  /** Stored in `embedding_model` and passed to `match_patterns` / `match_documents`. */
  readonly model: string;
  /** One 1536-d vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}

export const hashingEmbedder: Embedder = {
  model: HASHING_EMBEDDING_MODEL,
  embed: async (texts) => texts.map(embedText),
};

/** The provider's embeddings, refusing vectors the tables cannot hold (`invalid_embedding_model`, 400, naming model and dimension). */
export function providerEmbedder(provider: LlmProvider & Required<Pick<LlmProvider, "embed">>, model: string): Embedder {
  return {
    model,
    async embed(texts) {
      if (!texts.length) return [];
      const { vectors } = await provider.embed(texts);
      const wrong = vectors.find((vector) => vector.length !== EMBEDDING_DIMENSIONS);
      if (wrong) {
        throw new AppError(
          "invalid_embedding_model",
          `The embedding model "${model}" returns ${wrong.length}-dimensional vectors; CodeForge stores ${EMBEDDING_DIMENSIONS} dimensions. Choose a ${EMBEDDING_DIMENSIONS}-dimensional model such as text-embedding-3-small.`,
          { model, dimensions: wrong.length },
        );
      }
      return vectors;
    },
  };
}

/** Stands in for the offline engine inside `selectProvider`: it has no embeddings. */
const OFFLINE: LlmProvider = { name: "offline", model: "offline", generate: () => Promise.reject(new AppError("llm_unsupported", "offline")) };

/** The embedding model each provider kind is configured with (only these kinds embed). */
function embeddingModelName(env: Record<string, string | undefined>): string | undefined {
  const provider = env.CODEFORGE_LLM_PROVIDER?.trim();
  if (provider === "openai") return env.OPENAI_EMBEDDING_MODEL?.trim() || "text-embedding-3-small";
  if (provider === "openai-compatible") return env.LLM_EMBEDDING_MODEL?.trim() || undefined;
  return undefined;
}

/**
 * The embedder `env` configures: OpenAI's `OPENAI_EMBEDDING_MODEL` (default
 * text-embedding-3-small) or an OpenAI-compatible `LLM_EMBEDDING_MODEL` when that
 * provider is chosen, else the offline hashing embedder. Throws `llm_not_configured`
 * as `selectProvider` does when the provider lacks its key or URL.
 * @example const embedder = embedderFromEnv(Deno.env.toObject());
 */
export function embedderFromEnv(env: Record<string, string | undefined>, options: { fetch?: typeof fetch } = {}): Embedder {
  const model = embeddingModelName(env);
  if (!model) return hashingEmbedder;
  const provider = selectProvider(env, { offline: () => OFFLINE, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return provider.embed ? providerEmbedder(provider as LlmProvider & Required<Pick<LlmProvider, "embed">>, model) : hashingEmbedder;
}
