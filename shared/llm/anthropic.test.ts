import { describe, expect, it } from "vitest";
import { LearningRoadmap, jsonSchemaFor } from "../protocol/index.ts";
import { anthropicError, anthropicMessage, anthropicStream } from "../../tests/shared/fake-llm-server.ts";
import { closeFakesAfterEach, fake, llmError } from "../../tests/shared/llm-test-kit.ts";
import { createAnthropicProvider } from "./index.ts";

closeFakesAfterEach();

const ask = { system: "You plan curricula.", messages: [{ role: "user" as const, content: "Plan a roadmap" }] };
const roadmap = {
  title: "Build WalkCRM",
  description: "Learn by building",
  skill_level: "beginner",
  modules: [{ title: "Basics", description: "Start", steps: ["Set up"], estimated_hours: 2, prerequisites: [] }],
  total_estimated_hours: 2,
};

describe("Anthropic provider against a local fake", () => {
  it("asks for the schema as output_config.format and reads the JSON answer", async () => {
    const { url, requests } = await fake([{ json: anthropicMessage({ text: JSON.stringify(roadmap) }, { usage: [2000, 1000] }) }]);
    const llm = createAnthropicProvider({ apiKey: "sk-ant-test", baseUrl: url, model: "claude-sonnet-4-5" });
    const result = await llm.generate({ ...ask, schema: jsonSchemaFor(LearningRoadmap), schemaName: "roadmap", maxTokens: 1024 });

    const [request] = requests;
    expect(request!.path).toBe("/v1/messages");
    expect(request!.headers["x-api-key"]).toBe("sk-ant-test");
    expect(request!.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toMatchObject({
      model: "claude-sonnet-4-5",
      max_tokens: 1024,
      system: [{ type: "text", text: "You plan curricula." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Plan a roadmap" }] }],
      output_config: { format: { type: "json_schema", schema: { type: "object", required: expect.arrayContaining(["title", "modules"]) } } },
    });
    expect(result.parsed).toEqual(roadmap);
    expect(result).toMatchObject({ finishReason: "stop", model: "claude-sonnet-4-5-20250929", usage: { inputTokens: 2000, outputTokens: 1000 } });
    // claude-sonnet-4-5: $3 / $15 per 1M tokens
    expect(result.costUsd).toBeCloseTo(0.006 + 0.015, 10);
  });

  it("forces a json tool on a model without native structured output, and returns its input", async () => {
    const { url, requests } = await fake([{ json: anthropicMessage({ tool: { name: "json", input: roadmap } }, { model: "claude-sonnet-4-20250514" }) }]);
    const llm = createAnthropicProvider({ apiKey: "k", baseUrl: url, model: "claude-sonnet-4-20250514" });
    const result = await llm.generate({ ...ask, schema: jsonSchemaFor(LearningRoadmap), schemaName: "roadmap" });
    expect(requests[0]!.body.tools).toEqual([expect.objectContaining({ name: "json", input_schema: expect.objectContaining({ type: "object" }) })]);
    expect(requests[0]!.body.tool_choice).toMatchObject({ type: "any" });
    expect(result.parsed).toEqual(roadmap);
    expect(result.finishReason).toBe("stop");
  });

  it("returns plain text without a schema, and sends max_tokens even when unset", async () => {
    const { url, requests } = await fake([{ json: anthropicMessage({ text: "Hello" }) }]);
    const result = await createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate({ messages: [{ role: "user", content: "Hi" }] });
    expect(requests[0]!.body).toEqual({ model: "claude-sonnet-4-5", max_tokens: 8192, messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] });
    expect(result.text).toBe("Hello");
    expect(result.parsed).toBeUndefined();
  });

  it("streams text deltas and counts usage from message_start and message_delta", async () => {
    const { url, requests } = await fake([{ sse: anthropicStream(["Hel", "lo"], { usage: [30, 9] }), pieceBytes: 11 }]);
    const tokens: string[] = [];
    const result = await createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate({ ...ask, onToken: (delta) => tokens.push(delta) });
    expect(requests[0]!.body.stream).toBe(true);
    expect(tokens).toEqual(["Hel", "lo"]);
    expect(result).toMatchObject({ text: "Hello", usage: { inputTokens: 30, outputTokens: 9 }, finishReason: "stop" });
  });

  it("streams a structured answer's JSON fragments and parses the whole", async () => {
    const json = JSON.stringify(roadmap);
    const pieces = [json.slice(0, 10), json.slice(10, 40), json.slice(40)];
    const { url } = await fake([{ sse: anthropicStream(pieces) }]);
    const tokens: string[] = [];
    const result = await createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate({
      ...ask,
      schema: jsonSchemaFor(LearningRoadmap),
      schemaName: "roadmap",
      onToken: (delta) => tokens.push(delta),
    });
    expect(tokens).toEqual(pieces);
    expect(result.parsed).toEqual(roadmap);
  });

  it("retries 529 overloaded, then succeeds", async () => {
    const { url, requests } = await fake([{ status: 529, json: anthropicError("overloaded_error", "Overloaded") }, { json: anthropicMessage({ text: "ok" }) }]);
    const result = await createAnthropicProvider({ apiKey: "k", baseUrl: url, maxRetries: 1 }).generate(ask);
    expect(result.text).toBe("ok");
    expect(requests).toHaveLength(2);
  });

  it("reports an error event mid-stream", async () => {
    const events = anthropicStream(["Hel", "lo"]).slice(0, 4);
    const { url } = await fake([{ sse: [...events, { event: "error", data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }] }]);
    const error = await llmError(createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate({ ...ask, onToken: () => undefined }));
    expect(error.code).toBe("llm_http_error");
    expect(error.message).toBe("anthropic stream error (overloaded_error): Overloaded");
  });

  it("reports a stream cut before the message ended", async () => {
    const { url } = await fake([{ sse: anthropicStream(["Hel", "lo"]).slice(0, 4) }]);
    const error = await llmError(createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate({ ...ask, onToken: () => undefined }));
    expect(error.code).toBe("llm_network_error");
  });

  it("maps 401 to llm_auth_error without retrying", async () => {
    const { url, requests } = await fake([{ status: 401, json: anthropicError("authentication_error", "invalid x-api-key") }]);
    const error = await llmError(createAnthropicProvider({ apiKey: "bad", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_auth_error", message: "anthropic answered 401: invalid x-api-key" });
    expect(requests).toHaveLength(1);
  });

  it("names a prompt longer than the context window", async () => {
    const { url } = await fake([{ status: 400, json: anthropicError("invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum") }]);
    const error = await llmError(createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_bad_request", details: { contextTooLong: true, upstreamStatus: 400 } });
    expect(error.message).toContain("prompt is too long: 215000 tokens > 200000 maximum");
  });

  it("aborts a streamed answer on the caller's signal", async () => {
    const fakeServer = await fake([{ sse: anthropicStream(["a", "b", "c"]), gapMs: 150 }]);
    const controller = new AbortController();
    const error = await llmError(
      createAnthropicProvider({ apiKey: "k", baseUrl: fakeServer.url }).generate({ ...ask, signal: controller.signal, onToken: () => controller.abort() }),
    );
    expect(error.code).toBe("llm_aborted");
    await expect.poll(() => fakeServer.clientAborts()).toBe(1);
  });

  it("turns stop_reason refusal into llm_refusal with the tokens it cost", async () => {
    const { url } = await fake([{ json: anthropicMessage({ text: "I can't help with that." }, { stopReason: "refusal", usage: [40, 7] }) }]);
    const error = await llmError(createAnthropicProvider({ apiKey: "k", baseUrl: url }).generate(ask));
    expect(error).toMatchObject({ code: "llm_refusal", message: "anthropic refused: I can't help with that.", details: { usage: { inputTokens: 40, outputTokens: 7 } } });
  });

  it("has no embeddings", () => {
    expect(createAnthropicProvider({ apiKey: "k" }).embed).toBeUndefined();
  });
});
