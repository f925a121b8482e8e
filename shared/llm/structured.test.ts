import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LearningRoadmap, RequirementsDoc, jsonSchemaFor } from "../protocol/index.ts";
import { anthropicMessage, openAiCompletion, openAiError } from "../../tests/shared/fake-llm-server.ts";
import { closeFakesAfterEach, fake, llmError, requirements } from "../../tests/shared/llm-test-kit.ts";
import { createAnthropicProvider, createOpenAiCompatibleProvider, createOpenAiProvider, generateStructured, meterProvider } from "./index.ts";

closeFakesAfterEach();

const ask = { system: "You write requirements.", messages: [{ role: "user" as const, content: "A CRM for dog walkers" }], schemaName: "requirements" };

describe("generateStructured through the real providers", () => {
  it("returns validated data at the first valid answer", async () => {
    const { url, requests } = await fake([{ json: openAiCompletion(JSON.stringify(requirements), { usage: [100, 50] }) }]);
    const result = await generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc });
    expect(result.data).toEqual(requirements);
    expect(result.attempts).toBe(1);
    expect(result.usage).toEqual({ inputTokens: 100, outputTokens: 50 });
    expect(requests[0]!.body.response_format.json_schema).toEqual({ name: "requirements", strict: true, schema: jsonSchemaFor(RequirementsDoc) });
  });

  it("repairs invalid JSON by sending the error back, and sums usage over attempts", async () => {
    const { url, requests } = await fake([
      { json: openAiCompletion('{"app_name": "WalkCRM", ', { usage: [100, 10] }) },
      { json: openAiCompletion(JSON.stringify(requirements), { usage: [130, 50] }) },
    ]);
    const repairs: number[] = [];
    const result = await generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), {
      ...ask,
      schema: RequirementsDoc,
      onRepair: ({ attempt }) => repairs.push(attempt),
    });
    expect(result.data.app_name).toBe("WalkCRM");
    expect(result.attempts).toBe(2);
    expect(repairs).toEqual([2]);
    expect(result.usage).toEqual({ inputTokens: 230, outputTokens: 60 });
    expect(result.costUsd).toBeCloseTo((230 * 0.4 + 60 * 1.6) / 1e6, 12);
    const retry = requests[1]!.body.messages;
    expect(retry.slice(0, 2)).toEqual(requests[0]!.body.messages);
    expect(retry[2]).toEqual({ role: "assistant", content: '{"app_name": "WalkCRM", ' });
    expect(retry[3].role).toBe("user");
    expect(retry[3].content).toMatch(/\(root\): not valid JSON/);
  });

  it("repairs schema issues by naming each path", async () => {
    const wrong = { ...requirements, elevator_pitch: "Too short", core_features: [{ name: "Scheduling", description: "Book walks", priority: "urgent" }] };
    const { url, requests } = await fake([{ json: openAiCompletion(JSON.stringify(wrong)) }, { json: openAiCompletion(JSON.stringify(requirements)) }]);
    const result = await generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc });
    expect(result.attempts).toBe(2);
    const feedback: string = requests[1]!.body.messages[3].content;
    expect(feedback).toContain("- elevator_pitch: Too small: expected string to have >=20 characters");
    expect(feedback).toContain("- core_features.0.priority: Invalid option");
  });

  it("fails with llm_invalid_output carrying the issues after the bounded retries", async () => {
    const bad = { ...requirements, surprise: true };
    const { url, requests } = await fake([1, 2, 3].map(() => ({ json: openAiCompletion(JSON.stringify(bad), { usage: [10, 10] }) })));
    const error = await llmError(generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc }));
    expect(requests).toHaveLength(3);
    expect(error.code).toBe("llm_invalid_output");
    expect(error.details.attempts).toBe(3);
    expect(error.details.issues).toEqual([{ path: [], message: 'Unrecognized key: "surprise"', code: "unrecognized_keys" }]);
    expect(error.details.usage).toEqual({ inputTokens: 30, outputTokens: 30 });
    expect(error.details.lastOutput).toContain('"surprise":true');
    expect(error.message).toContain("gave no valid requirements in 3 attempts");
  });

  it("honours maxRepairs: 0", async () => {
    const { url, requests } = await fake([{ json: openAiCompletion("nope") }, { json: openAiCompletion(JSON.stringify(requirements)) }]);
    const error = await llmError(generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc, maxRepairs: 0 }));
    expect(error.code).toBe("llm_invalid_output");
    expect(requests).toHaveLength(1);
  });

  it("propagates a provider failure at once, with the usage spent before it", async () => {
    const { url } = await fake([{ json: openAiCompletion("{}", { usage: [40, 2] }) }, { status: 400, json: openAiError("context too long") }]);
    const error = await llmError(generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc }));
    expect(error.code).toBe("llm_bad_request");
    expect(error.details.usage).toEqual({ inputTokens: 40, outputTokens: 2 });
  });

  it("tells the model when its answer was cut off", async () => {
    const { url, requests } = await fake([{ json: openAiCompletion('{"app_name": "Wa', { finish: "length" }) }, { json: openAiCompletion(JSON.stringify(requirements)) }]);
    await generateStructured(createOpenAiProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc });
    expect(requests[1]!.body.messages[3].content).toContain("cut off at the output token limit");
  });

  it("fills defaults and turns nulls of optional fields into absent keys", async () => {
    const schema = z.strictObject({ title: z.string(), note: z.string().optional() });
    const answer = { ...LearningRoadmap.parse({ title: "t", description: "d", skill_level: "beginner", modules: [{ title: "m", description: "", steps: [], estimated_hours: 1 }], total_estimated_hours: 1 }) };
    const { url } = await fake([{ json: openAiCompletion(JSON.stringify({ title: "x", note: null })) }, { json: openAiCompletion(JSON.stringify(answer)) }]);
    const llm = createOpenAiProvider({ apiKey: "k", baseUrl: url });
    expect((await generateStructured(llm, { ...ask, schema })).data).toEqual({ title: "x" });
    expect((await generateStructured(llm, { ...ask, schema: LearningRoadmap })).data.modules[0]!.prerequisites).toEqual([]);
  });

  it("works through Anthropic's structured output, repairing once", async () => {
    const { url, requests } = await fake([
      { json: anthropicMessage({ text: JSON.stringify({ ...requirements, app_name: "" }) }, { usage: [50, 20] }) },
      { json: anthropicMessage({ text: JSON.stringify(requirements) }, { usage: [90, 20] }) },
    ]);
    const result = await generateStructured(createAnthropicProvider({ apiKey: "k", baseUrl: url }), { ...ask, schema: RequirementsDoc });
    expect(result.data).toEqual(requirements);
    expect(result.usage).toEqual({ inputTokens: 140, outputTokens: 40 });
    const messages = requests[1]!.body.messages;
    expect(messages.map((message: { role: string }) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[2].content[0].text).toContain("- app_name: Too small");
  });

  it("reads fenced JSON from an OpenAI-compatible server in json_object mode", async () => {
    const { url } = await fake([{ json: openAiCompletion("Here you go:\n```json\n" + JSON.stringify(requirements) + "\n```", { model: "qwen2.5:7b" }) }]);
    const result = await generateStructured(createOpenAiCompatibleProvider({ baseUrl: url, model: "qwen2.5" }), { ...ask, schema: RequirementsDoc });
    expect(result.data).toEqual(requirements);
    expect(result.costKnown).toBe(false);
  });

  it("meters every call of a job, failed attempts included", async () => {
    const { url } = await fake([{ json: openAiCompletion("oops", { usage: [10, 1] }) }, { json: openAiCompletion(JSON.stringify(requirements), { usage: [20, 30] }) }]);
    const { provider, totals } = meterProvider(createOpenAiProvider({ apiKey: "k", baseUrl: url }));
    await generateStructured(provider, { ...ask, schema: RequirementsDoc });
    expect(totals()).toMatchObject({ calls: 2, usage: { inputTokens: 30, outputTokens: 31 }, costKnown: true });
  });
});
