/** @module Unit tests of the key check: each provider's documented model-list call, its headers, and a refused key. */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeServer, type FakeServer } from "../../tests/shared/fake-llm-server.ts";
import { listModels } from "./model-list.ts";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("listModels", () => {
  it("calls Anthropic's GET /v1/models with x-api-key and anthropic-version", async () => {
    server = await startFakeServer([{ json: { data: [{ type: "model", id: "claude-sonnet-4-5-20250929" }], has_more: false } }]);
    expect(await listModels("anthropic", "sk-ant-1", { ANTHROPIC_BASE_URL: server.url })).toEqual(["claude-sonnet-4-5-20250929"]);
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/v1/models?limit=1000" });
    expect(server.requests[0]!.headers).toMatchObject({ "x-api-key": "sk-ant-1", "anthropic-version": "2023-06-01" });
  });

  it("calls Gemini's GET /models with x-goog-api-key and reads `models/…` names", async () => {
    server = await startFakeServer([{ json: { models: [{ name: "models/gemini-2.5-flash" }, { name: "models/gemini-2.5-pro" }] } }]);
    expect(await listModels("google", "AIza-1", { GOOGLE_BASE_URL: `${server.url}/v1beta` })).toEqual(["gemini-2.5-flash", "gemini-2.5-pro"]);
    expect(server.requests[0]!.path).toBe("/v1beta/models?pageSize=1000");
    expect(server.requests[0]!.headers["x-goog-api-key"]).toBe("AIza-1");
  });

  it("answers a refused key with a 400 key_refused and a failing provider with a 502", async () => {
    server = await startFakeServer([{ status: 401, json: { error: { message: "Incorrect API key" } } }, { status: 503, text: "down" }]);
    const env = { OPENAI_BASE_URL: `${server.url}/v1` };
    await expect(listModels("openai", "sk-bad", env)).rejects.toMatchObject({ code: "key_refused", status: 400, message: "openai refused the key (HTTP 401): check that it is right and active." });
    await expect(listModels("openai", "sk-bad", env)).rejects.toMatchObject({ code: "provider_failed", status: 502 });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-bad");
  });

  it("needs the server's base URL for the OpenAI-compatible provider", async () => {
    await expect(listModels("openai-compatible", "k", {})).rejects.toMatchObject({ code: "provider_not_configured" });
  });
});
