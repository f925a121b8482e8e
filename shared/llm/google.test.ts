import { describe, expect, it } from "vitest";
import { RequirementsDoc, jsonSchemaFor } from "../protocol/index.ts";
import { geminiResponse, geminiStream, googleError } from "../../tests/shared/fake-llm-server.ts";
import { closeFakesAfterEach, fake, llmError, requirements } from "../../tests/shared/llm-test-kit.ts";
import { createGoogleProvider, generateStructured } from "./index.ts";

closeFakesAfterEach();

const ask = { system: "You write requirements.", messages: [{ role: "user" as const, content: "A CRM for dog walkers" }] };

describe("Google Gemini provider against a local fake", () => {
  it("sends generateContent with the key header and a responseJsonSchema, and prices the answer", async () => {
    const { url, requests } = await fake([{ json: geminiResponse(JSON.stringify(requirements), { usage: [1000, 400] }) }]);
    const llm = createGoogleProvider({ apiKey: "g-key", baseUrl: `${url}/v1beta` });
    const result = await llm.generate({ ...ask, schema: jsonSchemaFor(RequirementsDoc), schemaName: "requirements", maxTokens: 500, temperature: 0.1 });

    const [request] = requests;
    expect(request!.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request!.headers["x-goog-api-key"]).toBe("g-key");
    expect(request!.body).toMatchObject({
      contents: [{ role: "user", parts: [{ text: "A CRM for dog walkers" }] }],
      systemInstruction: { parts: [{ text: "You write requirements." }] },
      generationConfig: { maxOutputTokens: 500, temperature: 0.1, responseMimeType: "application/json", responseJsonSchema: { type: "object" } },
    });
    expect(result).toMatchObject({ parsed: requirements, finishReason: "stop", model: "gemini-2.5-flash", usage: { inputTokens: 1000, outputTokens: 400 } });
    // gemini-2.5-flash: $0.30 / $2.50 per 1M tokens
    expect(result.costUsd).toBeCloseTo(0.0003 + 0.001, 10);
    expect(llm.embed).toBeUndefined();
  });

  it("streams tokens over SSE with the usage of the last chunk", async () => {
    const { url, requests } = await fake([{ sse: geminiStream(["Wal", "kCRM"], { usage: [20, 3] }), pieceBytes: 9 }]);
    const tokens: string[] = [];
    const result = await createGoogleProvider({ apiKey: "g", baseUrl: url }).generate({ ...ask, onToken: (delta) => tokens.push(delta) });
    expect(requests[0]!.path).toBe("/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(tokens).toEqual(["Wal", "kCRM"]);
    expect(result).toMatchObject({ text: "WalkCRM", usage: { inputTokens: 20, outputTokens: 3 } });
  });

  it("repairs an invalid answer through generateStructured", async () => {
    const { url, requests } = await fake([{ json: geminiResponse(JSON.stringify({ ...requirements, app_name: "" })) }, { json: geminiResponse(JSON.stringify(requirements)) }]);
    const result = await generateStructured(createGoogleProvider({ apiKey: "g", baseUrl: url }), { ...ask, schema: RequirementsDoc, schemaName: "requirements" });
    expect(result).toMatchObject({ data: requirements, attempts: 2, usage: { inputTokens: 22, outputTokens: 8 } });
    expect(requests[1]!.body.contents.map((turn: { role: string }) => turn.role)).toEqual(["user", "model", "user"]);
  });

  it("reports a bad key (400 API_KEY_INVALID) as llm_auth_error", async () => {
    const { url, requests } = await fake([{ status: 400, json: googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID") }]);
    const error = await llmError(createGoogleProvider({ apiKey: "wrong", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_auth_error", details: { upstreamStatus: 400 } });
    expect(error.message).toContain("API key not valid");
    expect(requests).toHaveLength(1);
  });

  it("waits out a 429 RESOURCE_EXHAUSTED's Retry-After, then gives up with llm_rate_limited", async () => {
    const limited = { status: 429, headers: { "retry-after": "1" }, json: googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).") };
    const { url, requests } = await fake([limited, limited]);
    const started = performance.now();
    const error = await llmError(createGoogleProvider({ apiKey: "g", baseUrl: url, maxRetries: 1 }).generate(ask));
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(error).toMatchObject({ code: "llm_rate_limited", details: { upstreamStatus: 429, attempts: 2, retryAfterMs: 1000 } });
    expect(requests).toHaveLength(2);
  });

  it("names a prompt longer than the context window", async () => {
    const { url } = await fake([
      { status: 400, json: googleError(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).") },
    ]);
    const error = await llmError(createGoogleProvider({ apiKey: "g", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_bad_request", details: { contextTooLong: true } });
  });

  it("turns a SAFETY finish into llm_refusal", async () => {
    const { url } = await fake([{ json: geminiResponse("", { finish: "SAFETY", usage: [15, 0] }) }]);
    const error = await llmError(createGoogleProvider({ apiKey: "g", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_refusal", details: { usage: { inputTokens: 15, outputTokens: 0 } } });
  });
});
