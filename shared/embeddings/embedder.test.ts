import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import type { LlmProvider } from "../llm/types.ts";
import { embedderFromEnv, hashingEmbedder, HASHING_EMBEDDING_MODEL, providerEmbedder } from "./embedder.ts";
import { embedText } from "./feature-hashing.ts";

/** A provider whose embeddings have `dimensions` dimensions. */
function provider(dimensions: number): LlmProvider & Required<Pick<LlmProvider, "embed">> {
  return {
    name: "openai-compatible",
    model: "chat-model",
    generate: () => Promise.reject(new Error("not used")),
    embed: async (texts) => ({ vectors: texts.map(() => new Array(dimensions).fill(1 / Math.sqrt(dimensions))), model: "m", dimensions, usage: { inputTokens: 1, outputTokens: 0 }, costUsd: 0, costKnown: false }),
  };
}

describe("embedderFromEnv", () => {
  it("is the hashing embedder offline, with Anthropic, and with an OpenAI-compatible server without LLM_EMBEDDING_MODEL", () => {
    expect(embedderFromEnv({})).toBe(hashingEmbedder);
    expect(embedderFromEnv({ CODEFORGE_LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "k" })).toBe(hashingEmbedder);
    expect(embedderFromEnv({ CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: "http://127.0.0.1:1/v1", LLM_MODEL: "llama" })).toBe(hashingEmbedder);
  });

  it("is OpenAI's text-embedding-3-small by default, or OPENAI_EMBEDDING_MODEL", () => {
    expect(embedderFromEnv({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk" }).model).toBe("text-embedding-3-small");
    expect(embedderFromEnv({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk", OPENAI_EMBEDDING_MODEL: "my-1536" }).model).toBe("my-1536");
  });

  it("is the OpenAI-compatible server's LLM_EMBEDDING_MODEL", () => {
    const env = { CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: "http://127.0.0.1:1/v1", LLM_MODEL: "llama", LLM_EMBEDDING_MODEL: "nomic-embed-text" };
    expect(embedderFromEnv(env).model).toBe("nomic-embed-text");
  });

  it("fails as selectProvider does when the provider lacks its key", () => {
    expect(() => embedderFromEnv({ CODEFORGE_LLM_PROVIDER: "openai" })).toThrow(/OPENAI_API_KEY/);
  });
});

describe("the embedders", () => {
  it("hashing: the offline vectors under the hashing model's name", async () => {
    expect(hashingEmbedder.model).toBe(HASHING_EMBEDDING_MODEL);
    expect(await hashingEmbedder.embed(["dog walkers"])).toEqual([embedText("dog walkers")]);
  });

  it("provider: passes 1536-dimensional vectors through", async () => {
    const vectors = await providerEmbedder(provider(1536), "m").embed(["a", "b"]);
    expect(vectors.map((v) => v.length)).toEqual([1536, 1536]);
  });

  it("provider: refuses another dimension with a 400 naming the model and the dimension", async () => {
    const error = await providerEmbedder(provider(768), "nomic-embed-text").embed(["a"]).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_embedding_model", status: 400, details: { model: "nomic-embed-text", dimensions: 768 } });
    expect((error as Error).message).toMatch(/"nomic-embed-text" returns 768-dimensional vectors; CodeForge stores 1536/);
  });
});
