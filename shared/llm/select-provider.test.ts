import { afterEach, describe, expect, it } from "vitest";
import { anthropicMessage, geminiResponse, openAiCompletion, startFakeServer, type FakeServer } from "../../tests/shared/fake-llm-server.ts";
import { isLlmError, selectProvider, type LlmProvider } from "./index.ts";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A stand-in for the offline engine, which is written elsewhere; only its identity matters here. */
const offlineEngine: LlmProvider = {
  name: "offline",
  model: "offline-engine",
  generate: () => Promise.reject(new Error("not used in this test")),
};
const options = { offline: () => offlineEngine };

function configError(env: Record<string, string | undefined>): string {
  try {
    selectProvider(env, options);
  } catch (error) {
    if (isLlmError(error) && error.code === "llm_not_configured") return error.message;
    throw error;
  }
  throw new Error("expected llm_not_configured");
}

const hi = { messages: [{ role: "user" as const, content: "hi" }] };

describe("selectProvider", () => {
  it("defaults to the offline engine, even when keys are present", () => {
    expect(selectProvider({}, options)).toBe(offlineEngine);
    expect(selectProvider({ CODEFORGE_LLM_PROVIDER: "", OPENAI_API_KEY: "sk-x" }, options)).toBe(offlineEngine);
    expect(selectProvider({ CODEFORGE_LLM_PROVIDER: "offline" }, options)).toBe(offlineEngine);
  });

  it("builds OpenAI from its variables and talks to OPENAI_BASE_URL", async () => {
    server = await startFakeServer([{ json: openAiCompletion("hello") }]);
    const llm = selectProvider(
      { CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-env", OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: "gpt-4o-mini", CODEFORGE_LLM_MAX_OUTPUT_TOKENS: "1000" },
      options,
    );
    expect(llm).toMatchObject({ name: "openai", model: "gpt-4o-mini" });
    expect(llm.embed).toBeTypeOf("function");
    expect((await llm.generate(hi)).text).toBe("hello");
    expect(server.requests[0]).toMatchObject({ path: "/v1/chat/completions", headers: { authorization: "Bearer sk-env" }, body: { model: "gpt-4o-mini", max_tokens: 1000 } });
  });

  it("builds Anthropic from its variables", async () => {
    server = await startFakeServer([{ json: anthropicMessage({ text: "hello" }) }]);
    const llm = selectProvider({ CODEFORGE_LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "sk-ant", ANTHROPIC_BASE_URL: server.url }, options);
    expect(llm).toMatchObject({ name: "anthropic", model: "claude-sonnet-4-5" });
    expect((await llm.generate(hi)).text).toBe("hello");
    expect(server.requests[0]!.headers["x-api-key"]).toBe("sk-ant");
  });

  it("builds Google Gemini from its variables", async () => {
    server = await startFakeServer([{ json: geminiResponse("hello", { model: "gemini-2.5-pro" }) }]);
    const llm = selectProvider({ CODEFORGE_LLM_PROVIDER: "google", GOOGLE_API_KEY: "g-env", GOOGLE_BASE_URL: server.url, GOOGLE_MODEL: "gemini-2.5-pro" }, options);
    expect(llm).toMatchObject({ name: "google", model: "gemini-2.5-pro" });
    expect((await llm.generate(hi)).text).toBe("hello");
    expect(server.requests[0]).toMatchObject({ path: "/models/gemini-2.5-pro:generateContent", headers: { "x-goog-api-key": "g-env" } });
  });

  it("builds an OpenAI-compatible endpoint with its structured-output mode and embedding model", async () => {
    const embeddings = { object: "list", model: "nomic-embed-text", data: [{ object: "embedding", index: 0, embedding: [0.6, 0.8] }], usage: { prompt_tokens: 3, total_tokens: 3 } };
    server = await startFakeServer([{ json: openAiCompletion("{}") }, { json: embeddings }]);
    const llm = selectProvider(
      { CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: `${server.url}/v1`, LLM_MODEL: "llama3.1", LLM_STRUCTURED_OUTPUT: "json_schema", LLM_EMBEDDING_MODEL: "nomic-embed-text" },
      options,
    );
    expect(llm).toMatchObject({ name: "openai-compatible", model: "llama3.1" });
    expect(llm.embed).toBeTypeOf("function");
    await llm.generate({ ...hi, schema: { type: "object", properties: {}, required: [], additionalProperties: false } });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.body.response_format.type).toBe("json_schema");
    const embedded = await llm.embed!(["walk the dog"]);
    expect(server.requests[1]).toMatchObject({ path: "/v1/embeddings", body: { model: "nomic-embed-text", input: ["walk the dog"] } });
    expect(embedded).toMatchObject({ vectors: [[0.6, 0.8]], model: "nomic-embed-text", dimensions: 2, usage: { inputTokens: 3, outputTokens: 0 }, costKnown: false });
  });

  it("applies CODEFORGE_LLM_TIMEOUT_MS and CODEFORGE_LLM_MAX_RETRIES", async () => {
    server = await startFakeServer([{ status: 500, json: {} }, { status: 500, json: {} }]);
    const llm = selectProvider(
      { CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: server.url, LLM_MODEL: "m", CODEFORGE_LLM_MAX_RETRIES: "0", CODEFORGE_LLM_TIMEOUT_MS: "5000" },
      options,
    );
    await expect(llm.generate(hi)).rejects.toMatchObject({ code: "llm_http_error", details: { upstreamStatus: 500, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it("names the missing or malformed variable", () => {
    expect(configError({ CODEFORGE_LLM_PROVIDER: "openai" })).toBe("CODEFORGE_LLM_PROVIDER=openai needs OPENAI_API_KEY");
    expect(configError({ CODEFORGE_LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: " " })).toBe("CODEFORGE_LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
    expect(configError({ CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_MODEL: "m" })).toBe("CODEFORGE_LLM_PROVIDER=openai-compatible needs LLM_BASE_URL");
    expect(configError({ CODEFORGE_LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: "http://localhost:11434/v1" })).toBe(
      "CODEFORGE_LLM_PROVIDER=openai-compatible needs LLM_MODEL",
    );
    expect(configError({ CODEFORGE_LLM_PROVIDER: "google", GOOGLE_MODEL: "gemini-2.5-pro" })).toBe("CODEFORGE_LLM_PROVIDER=google needs GOOGLE_API_KEY");
    expect(configError({ CODEFORGE_LLM_PROVIDER: "gemini" })).toMatch(/^CODEFORGE_LLM_PROVIDER is invalid/);
    expect(configError({ CODEFORGE_LLM_PROVIDER: "google", GOOGLE_API_KEY: "g", GOOGLE_BASE_URL: "not a url" })).toMatch(/^GOOGLE_BASE_URL is invalid/);
    expect(configError({ CODEFORGE_LLM_TIMEOUT_MS: "soon" })).toMatch(/^CODEFORGE_LLM_TIMEOUT_MS is invalid/);
    expect(configError({ CODEFORGE_LLM_MAX_RETRIES: "99" })).toMatch(/^CODEFORGE_LLM_MAX_RETRIES is invalid/);
    expect(configError({ OPENAI_BASE_URL: "ftp://example.com" })).toMatch(/^OPENAI_BASE_URL is invalid/);
    expect(configError({ LLM_STRUCTURED_OUTPUT: "xml" })).toMatch(/^LLM_STRUCTURED_OUTPUT is invalid/);
  });
});
