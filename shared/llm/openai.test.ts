import { describe, expect, it } from "vitest";
import { RequirementsDoc, jsonSchemaFor } from "../protocol/index.ts";
import { openAiCompletion, openAiError, openAiStream, type RecordedRequest, type Reply } from "../../tests/shared/fake-llm-server.ts";
import { closeFakesAfterEach, fake, llmError } from "../../tests/shared/llm-test-kit.ts";
import { createOpenAiCompatibleProvider, createOpenAiProvider } from "./index.ts";

closeFakesAfterEach();

const fastRetry = 2;
const ask = { system: "You are terse.", messages: [{ role: "user" as const, content: "Say hi" }] };

describe("OpenAI provider against a local fake", () => {
  it("sends a Chat Completions request with strict json_schema and reads the answer", async () => {
    const answer = { app_name: "WalkCRM" };
    const { url, requests } = await fake([{ json: openAiCompletion(JSON.stringify(answer), { usage: [1000, 500] }) }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: `${url}/v1`, model: "gpt-4.1-mini" });
    const schema = jsonSchemaFor(RequirementsDoc);
    const result = await llm.generate({ ...ask, schema, schemaName: "requirements doc", maxTokens: 300, temperature: 0.2 });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/v1/chat/completions");
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.body).toEqual({
      model: "gpt-4.1-mini",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Say hi" },
      ],
      max_tokens: 300,
      temperature: 0.2,
      response_format: { type: "json_schema", json_schema: { name: "requirements_doc", strict: true, schema } },
    });
    expect(result).toMatchObject({ text: JSON.stringify(answer), parsed: answer, finishReason: "stop", model: "gpt-4.1-mini-2025-04-14" });
    expect(result.usage).toEqual({ inputTokens: 1000, outputTokens: 500 });
    // gpt-4.1-mini: $0.40 / $1.60 per 1M tokens
    expect(result.costUsd).toBeCloseTo(0.0004 + 0.0008, 10);
    expect(result.costKnown).toBe(true);
  });

  it("streams tokens over SSE and takes the usage from the last chunk", async () => {
    const { url, requests } = await fake([{ sse: openAiStream(["Hel", "lo, ", "wörld"], { usage: [7, 3] }), pieceBytes: 7 }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: `${url}/v1` });
    const tokens: string[] = [];
    const result = await llm.generate({ ...ask, onToken: (delta) => tokens.push(delta) });

    expect(requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(tokens).toEqual(["Hel", "lo, ", "wörld"]);
    expect(result.text).toBe("Hello, wörld");
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 3 });
    expect(result.finishReason).toBe("stop");
    expect(result.parsed).toBeUndefined();
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const { url, requests } = await fake([
      { status: 429, headers: { "retry-after": "1" }, json: openAiError("Rate limit reached", "requests") },
      { json: openAiCompletion("hi") },
    ]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: fastRetry });
    const started = performance.now();
    const result = await llm.generate(ask);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.text).toBe("hi");
    expect(requests).toHaveLength(2);
  });

  it("retries a 500 with backoff, then succeeds", async () => {
    const { url, requests } = await fake([{ status: 500, json: openAiError("The server had an error", "server_error") }, { json: openAiCompletion("hi") }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: fastRetry });
    expect((await llm.generate(ask)).text).toBe("hi");
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toEqual(requests[0]!.body);
  });

  it("gives up on repeated 429s with llm_rate_limited after the retry budget", async () => {
    const limited: Reply = { status: 429, headers: { "retry-after-ms": "5" }, json: openAiError("slow down", "requests") };
    const { url, requests } = await fake([limited, limited, limited, limited]);
    const error = await llmError(createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: fastRetry }).generate(ask));
    expect(error.code).toBe("llm_rate_limited");
    expect(error.details).toMatchObject({ upstreamStatus: 429, attempts: 3, retryAfterMs: 5, provider: "openai" });
    expect(error.message).toContain("slow down");
    expect(requests).toHaveLength(3);
  });

  it("fails at once when Retry-After is longer than it will wait", async () => {
    const { url, requests } = await fake([{ status: 429, headers: { "retry-after": "3600" }, json: openAiError("quota") }]);
    const error = await llmError(createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: fastRetry }).generate(ask));
    expect(error).toMatchObject({ code: "llm_rate_limited", status: 503 });
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(requests).toHaveLength(1);
  });

  it("does not retry other 4xx: 400 is llm_bad_request, 401 llm_auth_error", async () => {
    const { url, requests } = await fake([
      { status: 400, json: openAiError("Invalid schema for response_format 'x'") },
      { status: 401, json: openAiError("Incorrect API key provided", "invalid_api_key") },
    ]);
    const llm = createOpenAiProvider({ apiKey: "sk-wrong", baseUrl: url, maxRetries: fastRetry });
    const bad = await llmError(llm.generate(ask));
    expect(bad).toMatchObject({ code: "llm_bad_request", message: "openai answered 400: Invalid schema for response_format 'x'" });
    const auth = await llmError(llm.generate(ask));
    expect(auth.code).toBe("llm_auth_error");
    expect(auth.message).not.toContain("sk-wrong");
    expect(requests).toHaveLength(2);
  });

  it("times out a slow answer with llm_timeout", async () => {
    const { url } = await fake([{ delayMs: 3_000, json: openAiCompletion("late") }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    const started = performance.now();
    const error = await llmError(llm.generate(ask));
    expect(error.code).toBe("llm_timeout");
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("times out a stream that stalls", async () => {
    const { url } = await fake([{ sse: openAiStream(["partial"], { done: false }).slice(0, 2), hang: true }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, timeoutMs: 300 });
    const tokens: string[] = [];
    const error = await llmError(llm.generate({ ...ask, onToken: (delta) => tokens.push(delta) }));
    expect(error.code).toBe("llm_timeout");
    expect(tokens).toEqual(["partial"]);
  });

  it("aborts mid-stream on the caller's signal and closes the connection", async () => {
    const fakeServer = await fake([{ sse: openAiStream(["one ", "two ", "three"]), gapMs: 150 }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: fakeServer.url });
    const controller = new AbortController();
    const tokens: string[] = [];
    const error = await llmError(
      llm.generate({
        ...ask,
        signal: controller.signal,
        onToken: (delta) => {
          tokens.push(delta);
          controller.abort(new Error("job cancelled"));
        },
      }),
    );
    expect(error.code).toBe("llm_aborted");
    expect(tokens).toEqual(["one "]);
    await expect.poll(() => fakeServer.clientAborts()).toBe(1);
  });

  it("aborts during a retry's backoff without another request", async () => {
    const { url, requests } = await fake([{ status: 503, headers: { "retry-after": "2" }, json: openAiError("overloaded") }, { json: openAiCompletion("hi") }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: 2 });
    const error = await llmError(llm.generate({ ...ask, signal: AbortSignal.timeout(300) }));
    expect(error.code).toBe("llm_aborted");
    expect(requests).toHaveLength(1);
  });

  it("retries a refused connection, then reports llm_network_error", async () => {
    const closed = await fake([]);
    await closed.close();
    const { url } = closed;
    const error = await llmError(createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, maxRetries: 1 }).generate(ask));
    expect(error.code).toBe("llm_network_error");
    expect(error.details.attempts).toBe(2);
  });

  it("turns a refusal into llm_refusal with the tokens it cost", async () => {
    const { url } = await fake([{ json: openAiCompletion(null, { refusal: "I can't help with that.", usage: [20, 4] }) }]);
    const error = await llmError(createOpenAiProvider({ apiKey: "sk-test", baseUrl: url }).generate({ ...ask, schema: jsonSchemaFor(RequirementsDoc) }));
    expect(error.code).toBe("llm_refusal");
    expect(error.details.usage).toEqual({ inputTokens: 20, outputTokens: 4 });
  });

  it("reports a body it cannot read as llm_invalid_response", async () => {
    const { url } = await fake([{ json: { choices: [] } }, { text: "<html>proxy</html>" }]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: url });
    expect((await llmError(llm.generate(ask))).code).toBe("llm_invalid_response");
    expect((await llmError(llm.generate(ask))).code).toBe("llm_invalid_response");
  });

  it("flags a cut-off answer and prices an unknown model at 0", async () => {
    const { url } = await fake([{ json: openAiCompletion('{"app_', { finish: "length", model: "my-finetune" }) }]);
    const result = await createOpenAiProvider({ apiKey: "sk-test", baseUrl: url, model: "my-finetune" }).generate({ ...ask, schema: jsonSchemaFor(RequirementsDoc) });
    expect(result).toMatchObject({ finishReason: "length", costUsd: 0, costKnown: false });
    expect(result.parsed).toBeUndefined();
  });

  it("names a prompt longer than the context window", async () => {
    const { url, requests } = await fake([
      {
        status: 400,
        json: {
          error: {
            message: "This model's maximum context length is 1047576 tokens. However, your messages resulted in 1200000 tokens. Please reduce the length of the messages.",
            type: "invalid_request_error",
            param: "messages",
            code: "context_length_exceeded",
          },
        },
      },
    ]);
    const error = await llmError(createOpenAiProvider({ apiKey: "sk-test", baseUrl: url }).generate(ask));
    expect(error.code).toBe("llm_bad_request");
    expect(error.details).toMatchObject({ contextTooLong: true, upstreamStatus: 400 });
    expect(error.message).toContain("the prompt is longer than gpt-4.1-mini's context window");
    expect(requests).toHaveLength(1);
  });

  it("embeds texts with text-embedding-3-small in input order", async () => {
    const vector = (seed: number) => Array.from({ length: 1536 }, (_, i) => (i === seed ? 1 : 0));
    const { url, requests } = await fake([
      {
        json: {
          object: "list",
          model: "text-embedding-3-small",
          data: [
            { object: "embedding", index: 0, embedding: vector(0) },
            { object: "embedding", index: 1, embedding: vector(1) },
          ],
          usage: { prompt_tokens: 8, total_tokens: 8 },
        },
      },
    ]);
    const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: `${url}/v1` });
    const result = await llm.embed!(["a dog walker CRM", "a recipe app"]);
    expect(requests[0]!.path).toBe("/v1/embeddings");
    expect(requests[0]!.body).toEqual({ model: "text-embedding-3-small", input: ["a dog walker CRM", "a recipe app"], encoding_format: "float" });
    expect(result.dimensions).toBe(1536);
    expect(result.vectors[0]![0]).toBe(1);
    expect(result.vectors[1]![1]).toBe(1);
    expect(result.usage).toEqual({ inputTokens: 8, outputTokens: 0 });
    expect(result.costUsd).toBeCloseTo((8 * 0.02) / 1_000_000, 12);
  });

  it("reports embedding failures as LlmErrors: a refused key, a timeout", async () => {
    const { url } = await fake([{ status: 401, json: openAiError("Incorrect API key provided", "invalid_api_key") }, { delayMs: 3_000, json: {} }]);
    const llm = createOpenAiProvider({ apiKey: "sk-wrong", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    expect(await llmError(llm.embed!(["a"]))).toMatchObject({ code: "llm_auth_error", details: { model: "text-embedding-3-small", upstreamStatus: 401 } });
    expect(await llmError(llm.embed!(["a"]))).toMatchObject({ code: "llm_timeout", message: "openai did not answer within 200 ms" });
  });
});

describe("OpenAI-compatible provider against a local fake", () => {
  it("asks for json_object with the schema in the system prompt, max_tokens, and no key", async () => {
    const { url, requests } = await fake([{ json: openAiCompletion('Sure!\n```json\n{"ok": true}\n```', { model: "llama3.1:8b" }) }]);
    const llm = createOpenAiCompatibleProvider({ baseUrl: `${url}/v1`, model: "llama3.1:8b" });
    const schema = jsonSchemaFor(RequirementsDoc);
    const result = await llm.generate({ ...ask, schema });
    const body = requests[0]!.body;
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.max_tokens).toBe(8192);
    expect(body.max_completion_tokens).toBeUndefined();
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain("You are terse.");
    expect(body.messages[0].content).toContain(JSON.stringify(schema));
    expect(result.parsed).toEqual({ ok: true });
    expect(llm.name).toBe("openai-compatible");
    expect(llm.embed).toBeUndefined();
  });

  it("can use json_schema, or the prompt alone, and sends a key when given", async () => {
    const { url, requests } = await fake([{ json: openAiCompletion("{}") }, { json: openAiCompletion("{}") }]);
    const schema = jsonSchemaFor(RequirementsDoc);
    await createOpenAiCompatibleProvider({ baseUrl: url, model: "m", apiKey: "or-key", structuredOutput: "json_schema" }).generate({ ...ask, schema });
    await createOpenAiCompatibleProvider({ baseUrl: url, model: "m", structuredOutput: "prompt" }).generate({ ...ask, schema });
    expect(requests[0]!.headers.authorization).toBe("Bearer or-key");
    expect(requests[0]!.body.response_format.type).toBe("json_schema");
    expect(requests[1]!.body.response_format).toBeUndefined();
    expect(requests[1]!.body.messages[0].content).toContain("JSON Schema");
  });

  it("reaches an LM Studio-like server that only takes json_schema when LLM_STRUCTURED_OUTPUT=json_schema", async () => {
    const lmStudio = (request: RecordedRequest): Reply =>
      request.body.response_format?.type === "json_object"
        ? { status: 400, json: { error: "'response_format.type' must be 'json_schema' or 'text'" } }
        : { json: openAiCompletion('{"ok":true}', { model: "qwen2.5-7b-instruct" }) };
    const { url, requests } = await fake(lmStudio);
    const schema = jsonSchemaFor(RequirementsDoc);
    const refused = await llmError(createOpenAiCompatibleProvider({ baseUrl: url, model: "qwen2.5-7b-instruct" }).generate({ ...ask, schema }));
    expect(refused).toMatchObject({ code: "llm_bad_request", message: "openai-compatible answered 400: 'response_format.type' must be 'json_schema' or 'text'" });
    const llm = createOpenAiCompatibleProvider({ baseUrl: url, model: "qwen2.5-7b-instruct", structuredOutput: "json_schema" });
    expect((await llm.generate({ ...ask, schema })).parsed).toEqual({ ok: true });
    expect(requests[1]!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true, schema } });
  });
});
